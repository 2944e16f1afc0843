"""The demo app holds no data of its own: `seed_demo` fills the other apps."""
