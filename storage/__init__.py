"""storywatch's database: the schema, its migrations, and the Store (storage.store) that speaks our types."""
