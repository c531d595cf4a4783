"""The single table of URLs. The OpenAPI document is generated from it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiohttp import web
from pydantic import BaseModel

from assistant import schemas
from assistant.views import chat, customers, handoffs, health, knowledge, pages, rasa, supervisor


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    handler: Any
    summary: str
    auth: str  # who may call: "public", "conversation", or roles joined by "|"
    body: type[BaseModel] | None = None
    status: int = 200
    websocket: bool = False
    document: bool = True


ROUTES: tuple[Route, ...] = (
    Route("GET", "/healthz", health.healthz, "200 once the model and the index are loaded", "public"),
    Route("GET", "/metrics", health.metrics, "Prometheus metrics", "public"),
    Route("GET", "/openapi.json", health.openapi, "This document", "public"),
    Route("POST", "/v1/auth/tokens", health.issue_token, "Issue a role token", "admin", schemas.TokenRequest, 201),
    Route("GET", "/v1/auth/tokens", health.list_tokens, "The issued role tokens: id, subject, roles, expiry (never the token)",
          "admin"),
    Route("DELETE", "/v1/auth/tokens/{token_id}", health.revoke_token, "Revoke an issued role token by its id", "admin",
          status=204),
    Route("GET", "/v1/auth/me", health.whoami, "Who the token belongs to, and its roles", "any token"),
    Route("POST", "/v1/knowledge/documents", knowledge.upsert_documents, "Upsert documents by id", "admin", schemas.DocumentsIn),
    Route("GET", "/v1/knowledge/documents", knowledge.list_documents,
          "The documents held: id, title, language, tags (?tag=, ?q=)", "agent|admin"),
    Route("DELETE", "/v1/knowledge/documents/{document_id}", knowledge.delete_document, "Delete a document", "admin", status=204),
    Route("POST", "/v1/knowledge/search", knowledge.search, "Search the knowledge base", "agent|admin", schemas.SearchIn),
    Route("PUT", "/v1/customers/{customer_id}", customers.put_customer, "Create or update a customer", "admin", schemas.CustomerIn),
    Route("GET", "/v1/customers/{customer_id}", customers.get_customer, "The customer 360 view", "agent|admin"),
    Route("DELETE", "/v1/customers/{customer_id}", customers.delete_customer, "Erase a customer and everything about them", "admin", status=204),
    Route("POST", "/v1/customers/{customer_id}/events", customers.add_events, "Record customer events", "admin", schemas.CustomerEventsIn),
    Route("POST", "/v1/analyze", customers.analyze, "Sentiment, language and human request of a text", "agent|admin", schemas.AnalyzeIn),
    Route("GET", "/v1/chat/words", chat.page_words, "The chat page's intro and suggested questions by language", "public"),
    Route("POST", "/v1/conversations", chat.create_conversation, "Start a conversation", "public", schemas.ConversationIn, 201),
    Route("POST", "/v1/conversations/resume", chat.resume, "Resume a conversation on any channel", "public", schemas.ResumeIn),
    Route("POST", "/v1/conversations/{conversation_id}/messages", chat.post_message, "One customer turn", "conversation", schemas.MessageIn),
    Route("POST", "/v1/conversations/{conversation_id}/handoff", chat.ask_for_agent, "The customer asks for an advisor", "conversation"),
    Route("DELETE", "/v1/conversations/{conversation_id}/handoff", chat.withdraw_request,
          "The customer takes back a request for an advisor that no one has taken yet", "conversation"),
    Route("GET", "/v1/conversations/{conversation_id}/events", chat.get_events, "Events after a seq", "conversation"),
    Route("GET", "/v1/conversations/{conversation_id}/stream", chat.stream, "WebSocket: events after a seq, then live", "conversation", websocket=True),
    Route("GET", "/v1/handoffs", handoffs.list_handoffs, "The handoff queue", "agent|supervisor"),
    Route("GET", "/v1/handoffs/{handoff_id}", handoffs.get_handoff, "The handoff packet", "agent|supervisor"),
    Route("POST", "/v1/handoffs/{handoff_id}/accept", handoffs.accept, "Take ownership of the conversation", "agent"),
    Route("POST", "/v1/handoffs/{handoff_id}/messages", handoffs.agent_message, "Reply to the customer", "agent", schemas.AgentMessageIn),
    Route("POST", "/v1/handoffs/{handoff_id}/close", handoffs.close, "Close: resolved, or hand back to the bot", "agent", schemas.CloseIn),
    Route("POST", "/v1/handoffs/{handoff_id}/release", handoffs.release,
          "Put an active conversation back in the queue (its advisor; a supervisor for anyone's)", "agent|supervisor"),
    Route("POST", "/v1/handoffs/{handoff_id}/actions/{action_id}/feedback", handoffs.action_feedback,
          "Accept or dismiss a suggested action (ranking learns from it)", "agent", schemas.ActionFeedbackIn),
    Route("GET", "/v1/actions", handoffs.list_actions, "The next-best-action catalogue", "agent|supervisor"),
    Route("GET", "/v1/agents/stream", handoffs.agents_stream, "WebSocket: the queue and conversations, live", "agent", websocket=True),
    Route("GET", "/v1/escalations", supervisor.list_escalations, "The escalation log (format=json|csv)", "supervisor"),
    Route("GET", "/v1/kpis", supervisor.get_kpis, "Containment, escalations, waiting times", "supervisor"),
    Route("POST", "/webhook", rasa.webhook, "Rasa action server webhook", "public"),
    Route("GET", "/actions", rasa.actions, "Rasa actions", "public"),
    Route("GET", "/", pages.index, "Home", "public", document=False),
    Route("GET", "/chat", pages.page("chat"), "Customer chat", "public", document=False),
    Route("GET", "/console", pages.page("console"), "Agent console", "public", document=False),
    Route("GET", "/supervisor", pages.page("supervisor"), "Supervisor dashboard", "public", document=False),
)


def setup_routes(app: web.Application) -> None:
    for r in ROUTES:
        app.router.add_route(r.method, r.path, r.handler, name=None)
    app.router.add_static("/static/", pages.STATIC, name="static", append_version=False)
