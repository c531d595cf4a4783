"""Tandem: the conversation server (HTTP, WebSocket, CLI) and its dialogue brain."""
