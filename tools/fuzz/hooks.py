"""Schemathesis hooks of `npm run test:fuzz` (tools/fuzz/run.ts).

Generated ids name nothing, so most answers would be 404. Before each call these hooks put real ids
from the seeded workspace (FUZZ_SEED, written by seed.ts) into a share of the requests -- or fresh
resources for operations that use theirs up (a deleted contact, an answered call) -- and sign ingress
bodies with the channel secret, so the fuzzer reaches the 2xx answers of every operation as well as
the refusals. Each answer's status is logged (FUZZ_LOG) for the per-operation summary.
"""

import hashlib
import hmac
import json
import os
import random
import threading
import time
import uuid

import requests
import schemathesis

SEED = json.load(open(os.environ["FUZZ_SEED"]))
API = SEED["gatewayUrl"]
CHANNEL = SEED["channel"]
THREADS = [contact["id"] for contact in SEED["threadContacts"]]
# How often a generated id is replaced by a real one: the rest keep probing unknown ids.
REAL = 0.75
# Our own generator: Hypothesis seeds and tracks the global one for its own draws.
RNG = random.Random()

_local = threading.local()
_log_lock = threading.Lock()
_log = open(os.environ["FUZZ_LOG"], "a", encoding="utf-8")
_pool_lock = threading.Lock()
_push_pool = list(SEED["pushSubscriptions"])


def api(method, path, body=None, files=None):
    """A call as the seeded owner, for the fresh resources some operations need."""
    session = getattr(_local, "session", None) or requests.Session()
    _local.session = session
    headers = {"Authorization": f"Bearer {SEED['ownerToken']}"}
    response = session.request(method, API + path, json=body, files=files, headers=headers, timeout=30)
    return response.json() if response.content and response.status_code < 300 else None


def signed(body):
    raw = json.dumps(body).encode()
    return raw, "sha256=" + hmac.new(CHANNEL["secret"].encode(), raw, hashlib.sha256).hexdigest()


def fresh_contact():
    created = api("POST", "/v1/contacts", {"firstName": "Fuzz"})
    return created["id"] if created else None


def push_subscription():
    with _pool_lock:
        return _push_pool.pop() if _push_pool else None


_call_pools = {False: list(SEED["ringingCalls"]), True: list(SEED["answeredCalls"])}


def fresh_call(answered=False):
    """An incoming call, ringing (or answered by the owner): one of the seeded pool while it lasts.

    Then a new one, from a caller of its own, found through that caller's activity once the calls
    service shows it: the call lists are newest first by the provider's time, and the fuzzer's own call
    events, dated anywhere, can fill their first pages.
    """
    with _pool_lock:
        if _call_pools[answered]:
            return _call_pools[answered].pop()
    provider_id = "fuzz-" + uuid.uuid4().hex[:12]
    caller = "fuzz-caller-" + uuid.uuid4().hex[:12]
    event = {"type": "call", "id": provider_id + ".ringing", "contact": {"externalId": caller},
             "call": {"id": provider_id, "direction": "incoming", "event": "ringing"}}
    raw, signature = signed(event)
    requests.post(f"{API}/v1/channels/{CHANNEL['id']}/events", data=raw, headers={"Content-Type": "application/json", "X-Channel-Signature": signature}, timeout=30)
    deadline = time.time() + 15
    contact_id = None
    while time.time() < deadline:
        if contact_id is None:
            found = api("GET", f"/v1/contacts?channelId={CHANNEL['id']}&externalId={caller}") or {"items": []}
            contact_id = found["items"][0]["id"] if found["items"] else None
        if contact_id is not None:
            activity = api("GET", f"/v1/contacts/{contact_id}/calls") or {"groups": []}
            call_id = next((item["callId"] for group in activity["groups"] for item in group["items"] if item.get("callId")), None)
            if call_id:
                if answered:
                    api("POST", f"/v1/calls/{call_id}/answer")
                return call_id
        time.sleep(0.3)
    return None


def fresh_channel():
    created = api("POST", "/v1/channels", {"type": "api", "name": f"Fuzz {RNG.random():.6f}"})
    return created["id"] if created else None


def fresh_upload():
    created = api("POST", "/v1/attachments", files={"file": ("fuzz.txt", b"fuzz upload", "text/plain")})
    return created["id"] if created else None


def set_param(case, name, value):
    if value is not None and name in case.path_parameters:
        case.path_parameters[name] = value


def set_body(case, **values):
    if isinstance(case.body, dict):
        for key, value in values.items():
            if key in case.body and value is not None:
                case.body[key] = value


# Words of the seeded threads, so searches find something.
SEARCHES = ["help", "order", "Hello", "Customer", "fuzz"]
VIEWS = ["all", "mine", "unassigned", f"team:{SEED['teamId']}", f"team:{SEED['teamId']}:unassigned", f"custom:{SEED['customViewId']}", "blocked"]


def fixture(case):
    """Real ids (or fresh resources) for this operation; None when it needs none."""
    op, path = case.method.upper(), case.path
    pick = RNG.choice
    if path.startswith("/v1/conversations/{contactId}"):
        set_param(case, "contactId", pick(THREADS))
        if path.endswith("/unsnooze"):
            api("POST", f"/v1/conversations/{case.path_parameters['contactId']}/snooze", {"until": "2099-01-01T09:00:00Z"})
        if path.endswith("/search"):
            case.query = {**(case.query or {}), "q": pick(SEARCHES)}
        set_param(case, "userId", SEED["memberId"])
        set_body(case, userId=SEED["memberId"], teamId=SEED["teamId"], channelId=CHANNEL["id"])
        if path.endswith("/messages") and isinstance(case.body, dict):
            case.path_parameters["contactId"] = THREADS[0]
            set_body(case, replyToId=SEED["messageId"])
            if isinstance(case.body.get("attachment"), dict):
                case.body["attachment"]["id"] = fresh_upload()
    elif path == "/v1/channels/{channelId}/secret":
        # A channel of its own: rotating the seeded one would unsign the ingress cases.
        set_param(case, "channelId", fresh_channel())
    elif path == "/v1/contacts/{id}" and op == "DELETE":
        set_param(case, "id", fresh_contact())
    elif path == "/v1/contacts/{id}/merge":
        set_param(case, "id", SEED["mergeTargetContactId"])
        set_body(case, sourceContactId=fresh_contact())
    elif path in ("/v1/contacts/{id}/block", "/v1/contacts/{id}/unblock"):
        set_param(case, "id", SEED["blockableContactId"])
    elif path.startswith("/v1/contacts/{id}"):
        set_param(case, "id", pick(THREADS))
    elif path == "/v1/contacts" and op == "GET":
        case.query = {**(case.query or {}), "channelId": CHANNEL["id"], "externalId": SEED["threadContacts"][0]["externalId"]}
        for key in ("phone", "email"):
            case.query.pop(key, None)
    elif path in ("/v1/search/contacts", "/v1/search/messages"):
        case.query = {**(case.query or {}), "q": pick(SEARCHES)}
    elif path == "/v1/contacts" and op == "POST":
        set_body(case, assigneeId=SEED["memberId"], teamId=SEED["teamId"])
    elif path == "/v1/messages/{messageId}":
        set_param(case, "messageId", SEED["messageId"])
    elif path == "/v1/broadcasts" and isinstance(case.body, dict) and "contactIds" in case.body:
        case.body["contactIds"] = THREADS[:]
    elif path == "/v1/users/{id}":
        set_param(case, "id", SEED["patchUserId"])
    elif path == "/v1/teams/{id}":
        set_param(case, "id", SEED["patchTeamId"])
    elif path == "/v1/teams" and isinstance(case.body, dict) and isinstance(case.body.get("memberIds"), list):
        case.body["memberIds"] = [SEED["memberId"]]
    elif path == "/v1/api-tokens/{id}":
        created = api("POST", "/v1/api-tokens", {"name": "fuzz"})
        set_param(case, "id", created and created["id"])
    elif path == "/v1/auth/login" and isinstance(case.body, dict):
        case.body.update(SEED["login"])
    elif path.startswith("/v1/inbox/{view}"):
        set_param(case, "view", pick(VIEWS))
    elif path == "/v1/custom-inboxes/{id}" and op == "DELETE":
        created = api("POST", "/v1/custom-inboxes", {"name": "fuzz", "filter": {"all": []}})
        set_param(case, "id", created and created["id"])
    elif path.startswith("/v1/custom-inboxes/{id}"):
        set_param(case, "id", SEED["customViewId"])
    elif path.startswith("/v1/notifications/{id}"):
        set_param(case, "id", pick(SEED["notificationIds"]))
    elif path == "/v1/push-subscriptions" and op == "POST" and isinstance(case.body, dict):
        subscription = push_subscription()
        if subscription:
            case.body.update(subscription)
    elif path == "/v1/push-subscriptions/{id}":
        subscription = push_subscription()
        created = subscription and api("POST", "/v1/push-subscriptions", subscription)
        set_param(case, "id", created and created["id"])
    elif path.startswith("/v1/attachments/{id}"):
        set_param(case, "id", SEED["attachmentId"])
    elif path in ("/v1/calls/{id}/answer", "/v1/calls/{id}/decline"):
        set_param(case, "id", fresh_call())
    elif path in ("/v1/calls/{id}/end", "/v1/calls/{id}/recording") and op == "POST":
        if path.endswith("/recording"):
            api("PATCH", "/v1/workspace/settings", {"calls": {"recording": True}})
        set_param(case, "id", fresh_call(answered=True))
    elif path.startswith("/v1/calls/{id}"):
        # Recordings and transcripts are shown only while the workspace keeps them.
        api("PATCH", "/v1/workspace/settings", {"calls": {"recording": True, "transcripts": True}})
        set_param(case, "id", SEED["callId"])
    elif path in ("/v1/calls", "/v1/calls/permission-requests") and op == "POST":
        set_body(case, contactId=pick(THREADS), channelId=CHANNEL["id"])


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.path == "/v1/channels/{channelId}/events":
        # Ingress: the seeded channel, and a valid signature over the exact bytes sent.
        if RNG.random() < 0.9:
            case.path_parameters["channelId"] = CHANNEL["id"]
        if RNG.random() < 0.9 and not _is_not_set(case.body) and not isinstance(case.body, (bytes, str)):
            kwargs["data"], signature = signed(case.body)
            case.headers = {**(case.headers or {}), "X-Channel-Signature": signature}
        return
    if RNG.random() < REAL:
        fixture(case)
    guard(case)


def guard(case):
    """Every case, fixtures or not: what would break the run for the operations after it."""
    if case.path == "/v1/users/{id}" and (case.path_parameters or {}).get("id") == SEED["ownerId"]:
        # Schemathesis reuses ids it saw in answers, the owner's among them: a new password for the
        # owner ends the session every request carries (and a new role takes its rights), so every later
        # operation would answer 401. Its own-account edits go to another user instead.
        case.path_parameters["id"] = SEED["patchUserId"]
    if case.path in ("/v1/contacts/{id}/block", "/v1/contacts/{id}") and (case.path_parameters or {}).get("id") in THREADS:
        if case.method.upper() in ("POST", "DELETE"):
            # A blocked or deleted thread contact (its id reused from an answer) refuses every
            # later message to it (422): the seeded threads stay open to messages.
            case.path_parameters["id"] = SEED["blockableContactId"] if case.path.endswith("/block") else fresh_contact()
    headers = case.headers or {}
    if "Idempotency-Key" in headers and isinstance(headers["Idempotency-Key"], str) and RNG.random() < REAL:
        # Generated keys repeat ("0", "a"), and a repeated key with another body is refused (422): most
        # cases get a key of their own, the rest still probe the replays.
        case.headers = {**headers, "Idempotency-Key": f"fuzz-{uuid.uuid4().hex}"}
    if case.path == "/v1/workspace/settings" and isinstance(case.body, dict) and isinstance(case.body.get("calls"), dict):
        # Very short maximum durations would end the calls other operations answer, decline and end.
        duration = case.body["calls"].get("maxDurationSeconds")
        if isinstance(duration, int) and not isinstance(duration, bool) and duration < 600:
            case.body["calls"]["maxDurationSeconds"] = 3600


def _is_not_set(value):
    return type(value).__name__ == "NotSet"


DIRECTORY_WRITES = ("/v1/users/{id}", "/v1/api-tokens/{id}", "/v1/teams/{id}")


@schemathesis.hook
def after_call(context, case, response):
    entry = {"operation": f"{case.method.upper()} {case.path}", "status": response.status_code}
    if case.path in DIRECTORY_WRITES and case.method.upper() in ("PATCH", "DELETE"):
        # What a directory write touched, for tracing a session that stopped working (field names,
        # never their values: a password is among them).
        entry["id"] = (case.path_parameters or {}).get("id")
        entry["fields"] = sorted(case.body) if isinstance(case.body, dict) else type(case.body).__name__
    if response.status_code >= 400:
        try:
            entry["error"] = response.json()["error"]["message"][:160]
        except Exception:
            entry["error"] = response.text[:160]
    line = json.dumps(entry)
    with _log_lock:
        _log.write(line + "\n")
        _log.flush()
