"""The live preview: a watcher, a local server and the page that shows problems."""
