#!/usr/bin/env bash
# End-to-end check of the Rasa example against a running Tandem.
#
# Assumes both servers are already running:
#   Tandem:  TANDEM_ADMIN_TOKEN=adm tandem serve --port 8080
#   Rasa:    rasa run --enable-api -m <models> --endpoints endpoints.yml --port 5005
#
# Usage: bash check.sh [--cleanup]
#   --cleanup   afterwards, close the test handoff (accept + close as the admin)
#               and resume the Rasa conversation, so the agents' queue stays clean.
# Environment: RASA_URL (http://127.0.0.1:5005), TANDEM_URL (http://127.0.0.1:8080),
#              TANDEM_ADMIN_TOKEN (adm).
# Prints PASS/FAIL per check and overall; exits 0 only if everything passed.
# Needs only python3 (standard library) on the PATH.
set -u
CLEANUP=0
[ "${1:-}" = "--cleanup" ] && CLEANUP=1

RASA_URL="${RASA_URL:-http://127.0.0.1:5005}" \
TANDEM_URL="${TANDEM_URL:-http://127.0.0.1:8080}" \
TANDEM_ADMIN_TOKEN="${TANDEM_ADMIN_TOKEN:-adm}" \
CLEANUP="$CLEANUP" \
exec python3 - <<'PY'
import json, os, sys, time, urllib.request, urllib.error

RASA = os.environ["RASA_URL"].rstrip("/")
TANDEM = os.environ["TANDEM_URL"].rstrip("/")
ADMIN = {"Authorization": "Bearer " + os.environ["TANDEM_ADMIN_TOKEN"]}
CLEANUP = os.environ["CLEANUP"] == "1"
failures = 0


def call(method, url, body=None, headers=None, timeout=60):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        raw = r.read()
    return json.loads(raw) if raw else None


def check(name, ok, detail=""):
    global failures
    failures += 0 if ok else 1
    print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail else ""))
    return ok


def say(sender, text):
    return call("POST", f"{RASA}/webhooks/rest/webhook", {"sender": sender, "message": text})


def tracker(sender):
    return call("GET", f"{RASA}/conversations/{sender}/tracker")


run = f"{int(time.time())}-{os.getpid()}"

# 0. both servers answer
try:
    check("Rasa is up", "version" in call("GET", f"{RASA}/version"), RASA)
    names = [a["name"] for a in call("GET", f"{TANDEM}/actions")]
    check("Tandem serves the Rasa actions", "action_tandem_answer" in names and "action_tandem_handoff" in names,
          ", ".join(names))
except (urllib.error.URLError, OSError, ValueError) as e:
    check("Rasa and Tandem reachable", False, repr(e))
    print("FAIL")
    sys.exit(1)

try:
    # 1. a question is answered from Tandem's knowledge, with sources in `custom`
    sender = f"check-answer-{run}"
    messages = say(sender, "I lost my card")
    texts = [m["text"] for m in messages if m.get("text")]
    customs = [m["custom"] for m in messages if isinstance(m.get("custom"), dict)]
    sources = [s.get("document_id") for c in customs for s in (c.get("tandem") or {}).get("sources", [])]
    check("answer: a text reply", bool(texts), texts[0][:80] + "..." if texts else repr(messages))
    check("answer: `custom` carries Tandem's sources", "lost-stolen-card-en" in sources, f"sources={sources}")
    slots = tracker(sender)["slots"]
    conv = slots.get("tandem_conversation_id")
    check("answer: slots tandem_conversation_id / tandem_sources set",
          bool(conv) and "lost-stolen-card-en" in (slots.get("tandem_sources") or []),
          f"{conv}, {slots.get('tandem_sources')}")
    if conv:
        events = call("GET", f"{TANDEM}/v1/conversations/{conv}/events", headers=ADMIN)
        events = events.get("events", events) if isinstance(events, dict) else events
        bot = [e.get("text") for e in events if e.get("type") == "bot_message"]
        check("answer: the reply is the one Tandem wrote in its conversation", bool(texts) and texts[0] in bot,
              f"{len(events)} Tandem events")

    # 2. asking for a person opens a waiting Tandem handoff and pauses Rasa
    sender = f"check-handoff-{run}"
    messages = say(sender, "je veux parler à un conseiller")
    check("handoff: a reply to the customer", any(m.get("text") for m in messages),
          next((m["text"][:80] for m in messages if m.get("text")), repr(messages)))
    tr = tracker(sender)
    handoff_id = tr["slots"].get("tandem_handoff_id")
    check("handoff: Rasa intent human_request", tr["latest_message"]["intent"].get("name") == "human_request",
          str(tr["latest_message"]["intent"]))
    check("handoff: slot tandem_handoff_id set", bool(handoff_id), str(handoff_id))
    check("handoff: Rasa conversation paused", tr.get("paused") is True)
    waiting = call("GET", f"{TANDEM}/v1/handoffs?status=waiting", headers=ADMIN)["handoffs"]
    mine = [h for h in waiting if h["id"] == handoff_id]
    check("handoff: waiting in Tandem's queue (GET /v1/handoffs?status=waiting)", bool(mine),
          f"{mine[0]['id']} reason={mine[0]['reason']}" if mine else f"{len(waiting)} waiting, none is {handoff_id}")

    if CLEANUP and handoff_id:
        call("POST", f"{TANDEM}/v1/handoffs/{handoff_id}/accept", {}, headers=ADMIN)
        call("POST", f"{TANDEM}/v1/handoffs/{handoff_id}/close", {"outcome": "handback"}, headers=ADMIN)
        call("POST", f"{RASA}/conversations/{sender}/execute", {"name": "action_tandem_resume"})
        call("POST", f"{RASA}/conversations/{sender}/tracker/events?include_events=NONE",
             {"event": "action", "name": "action_listen"})
        check("cleanup: handoff handed back, Rasa resumed", tracker(sender).get("paused") is False, handoff_id)
except (urllib.error.URLError, OSError, ValueError, KeyError, TypeError) as e:
    check("no error talking to Rasa/Tandem", False, repr(e))

print("PASS" if failures == 0 else f"FAIL ({failures} check(s) failed)")
sys.exit(0 if failures == 0 else 1)
PY
