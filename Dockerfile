# storywatch in a container: installed as a wheel, run as a non-root user.
#   docker build -t storywatch .
#   docker run -v $PWD/config.yaml:/etc/storywatch/config.yaml:ro storywatch storywatch run   # the daemon
#   docker run -p 8080:8080 -v …  storywatch                                    # the web view (the default)
#   deploy/compose.yaml builds this file for PostgreSQL, N workers and the web view
# Every step is plain pip and the storywatch command, so tests/test_deploy.py runs the same install and start
# commands in a fresh virtualenv (no image can be built where the tests run).

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY monitor ./monitor
COPY storage ./storage
COPY notifiers ./notifiers
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
RUN useradd --system --uid 10001 --home-dir /var/lib/storywatch --create-home storywatch
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER storywatch
WORKDIR /var/lib/storywatch
ENV STORYWATCH_CONFIG=/etc/storywatch/config.yaml PYTHONUNBUFFERED=1
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status != 200)"]
CMD ["storywatch", "serve", "--listen", "0.0.0.0:8080"]
