"""The app on a phone's home screen: its manifest, its icons, and what works with no connection."""
