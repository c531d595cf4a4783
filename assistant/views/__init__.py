"""Thin HTTP and WebSocket handlers: parse, authorise, call one service, answer JSON."""
