"""Bids placed through the QueryService nodes the way pages place them, for the chaos load:

- over a node's `/live` WebSocket: `{"type":"bid","requestID":KEY,...}`, answered by a
  `{"type":"result","requestID":KEY,"ok":...}` frame (docs/live.md);
- through the bid form without JavaScript: log in with the node's login form (CSRF token from the
  page, `auction_session` cookie from the redirect), post the bid form with the CSRF token and a
  `requestKey`, follow the 303 back to the auction page (post/redirect/get); the outcome is the
  flash cookie the redirect sets (`kind` "notice" = placed, "error" = refused).

In both the key (`requestID` / `requestKey`) is the Idempotency-Key the node relays to the
CommandService, so the command id is `command_id(bidder, auction, key)` as for direct bids, and a
retry with the same key (next node) is the same command. An attempt without a final answer (the
node died, timed out, answered 5xx or a result with status >= 500) is retried until the deadline.
Standard library plus `websockets`.
"""
import asyncio
import base64
import html
import json
import random
import re
import time
import uuid
from urllib.parse import urlencode

import websockets
import websockets.exceptions

from http_client import request

CSRF = re.compile(r'name="csrf" value="([^"]*)"')
MINIMUM_TEXT = re.compile(r"at least [^0-9]*([0-9][0-9,]*)\.([0-9]{2})")
# Refusals after which the driver stops bidding on an auction (it ended, or its price is so high
# that no larger amount is valid).
ENDED = ("auction_ended", "auction_closed", "auction_cancelled", "bidding_limit_reached", "invalid_money", "invalid_bid")
TRANSIENT = (OSError, asyncio.TimeoutError, ValueError, IndexError, websockets.exceptions.WebSocketException)


class Outcome:
    """A final answer: `ok` (acknowledged), else refused with `code` (live) or `message` (form)."""

    def __init__(self, ok, code=None, message=""):
        self.ok, self.code, self.message = ok, code, message


class Browser:
    """One bidder's browser: its `auction_browser` id (CSRF tokens are bound to it) and the session
    cookie the node's login form set. CSRF tokens are the same on every node (shared secret)."""

    def __init__(self, user, password):
        self.user, self.password = user, password
        self.id = uuid.uuid4().hex  # 32 lowercase hex digits, what Visitor.isBrowserID accepts
        self.csrf = None
        self.session = None

    def cookie(self):
        session = f"; auction_session={self.session}" if self.session else ""
        return f"auction_browser={self.id}{session}"


def flash_of(set_cookie):
    """The flash object an `auction_flash=<base64url JSON>` Set-Cookie value carries, or None."""
    match = re.match(r"\s*auction_flash=([A-Za-z0-9_-]+)", set_cookie or "")
    if not match:
        return None
    text = match.group(1)
    try:
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except ValueError:
        return None


class NodeBidder:
    def __init__(self, query_urls, password, stats):
        self.urls, self.password, self.stats = query_urls, password, stats
        self.browsers = {}

    async def place(self, auction, bidder, maximum, key, via, acknowledge):
        """One bid through a node, `via` "live" or "form"; `acknowledge()` when it was. A refusal
        updates the driver's view of the auction: its minimum (named in the form's message; over
        the WebSocket only the code says "too low", so the guess goes up) or its end."""
        self.stats.bump(f"bids sent via {via}")
        outcome = await (self.live if via == "live" else self.form)(bidder, auction["id"], maximum, key)
        if outcome is None:
            return
        if outcome.ok:
            self.stats.bump(f"bids acknowledged via {via}")
            acknowledge()
            return
        # A form's refusal is a message for people, with amounts: counted without the digits.
        self.stats.bump(f"bids refused via {via} {outcome.code or re.sub(r'[0-9][0-9.,]*', 'N', outcome.message)[:50]}")
        shown = MINIMUM_TEXT.search(outcome.message)
        if shown:
            auction["minimum"] = max(auction["minimum"], int(shown.group(1).replace(",", "")) * 100 + int(shown.group(2)))
        elif outcome.code == "bid_too_low":
            auction["minimum"] += max(5, auction["minimum"] // 50)
        # The form's refusals have no code: "... has ended.", "... is closed.", "Enter an amount ..." (too large).
        if outcome.code in ENDED or "ended" in outcome.message or "closed" in outcome.message or outcome.message.startswith("Enter "):
            auction["ended"] = True

    def browser(self, user):
        if user["userID"] not in self.browsers:
            self.browsers[user["userID"]] = Browser(user, self.password)
        return self.browsers[user["userID"]]

    async def _retrying(self, kind, attempt_once, deadline):
        """Runs `attempt_once(base_url)` on the nodes in turn until it gives an Outcome."""
        start, attempt = time.monotonic(), random.randrange(len(self.urls))
        while time.monotonic() - start < deadline:
            base = self.urls[attempt % len(self.urls)]
            attempt += 1
            try:
                outcome = await attempt_once(base)
            except TRANSIENT as error:
                self.stats.bump(f"{kind} bids {type(error).__name__}")
                outcome = None
            if outcome is not None:
                return outcome
            await asyncio.sleep(0.3 + random.random() * 0.5)
        self.stats.bump(f"{kind} bids abandoned")
        return None

    async def live(self, user, auction, maximum, key, deadline=45.0):
        async def once(base):
            browser = self.browser(user)
            # The WebSocket carries the session of the upgrade request's cookie: the API token
            # unless this browser logged in through a node's form.
            cookie = browser.cookie() if browser.session else f"auction_session={user['token']}"
            async with websockets.connect(base.replace("http://", "ws://") + "/live", origin=base, open_timeout=5,
                                          close_timeout=1, additional_headers={"Cookie": cookie}) as socket:
                await socket.send(json.dumps({"type": "bid", "requestID": key, "auction": auction, "maximumMinorUnits": maximum}))
                while True:
                    message = json.loads(await asyncio.wait_for(socket.recv(), timeout=30))
                    if message.get("requestID") != key:
                        continue
                    if message.get("type") == "error":
                        return Outcome(False, message.get("code"), message.get("message", ""))
                    if message.get("type") != "result":
                        continue
                    if message.get("ok") is True:
                        return Outcome(True, message=message.get("message", ""))
                    if int(message.get("status", 0)) >= 500:
                        self.stats.bump(f"live bids result {message.get('status')} {message.get('code')}")
                        return None
                    return Outcome(False, message.get("code"), message.get("message", ""))
        return await self._retrying("live", once, deadline)

    async def _log_in(self, base, browser):
        """The node's login form: GET /login (CSRF token), POST /login, keep the session cookie."""
        page = await request("GET", base + "/login", headers={"Cookie": browser.cookie()}, timeout=8.0)
        match = CSRF.search(page.text) if page.status == 200 else None
        if not match:
            self.stats.bump(f"form logins page http {page.status}")
            return False
        browser.csrf = html.unescape(match.group(1))
        body = urlencode({"csrf": browser.csrf, "username": browser.user["name"], "password": browser.password, "next": "/"}).encode()
        reply = await request("POST", base + "/login", body, {"Cookie": browser.cookie(),
                              "Content-Type": "application/x-www-form-urlencoded"}, timeout=20.0)
        session = re.match(r"\s*auction_session=([^;]+)", reply.headers.get("set-cookie", ""))
        if reply.status != 303 or not session:
            self.stats.bump(f"form logins refused http {reply.status}")
            return False
        browser.session = session.group(1)
        self.stats.bump("form logins")
        return True

    async def form(self, user, auction, maximum, key, deadline=45.0):
        browser = self.browser(user)

        async def once(base):
            if not browser.session and not await self._log_in(base, browser):
                return None
            body = urlencode({"csrf": browser.csrf, "requestKey": key, "maximum": f"{maximum // 100}.{maximum % 100:02d}"}).encode()
            reply = await request("POST", base + f"/auctions/{auction}/bids", body, {"Cookie": browser.cookie(),
                                  "Content-Type": "application/x-www-form-urlencoded"}, timeout=30.0)
            if reply.status >= 500:
                self.stats.bump(f"form bids http {reply.status}")
                return None
            location = reply.headers.get("location", "")
            flash = flash_of(reply.headers.get("set-cookie"))
            if reply.status != 303 or location.startswith("/login") or flash is None:
                # 403 (CSRF refused) or sent to log in: a broken session, which a person would fix by logging in again.
                self.stats.bump(f"form bids unexpected http {reply.status} {location[:20]}")
                browser.session = None
                return Outcome(False, f"http_{reply.status}")
            # Post/redirect/get: the page the redirect names, showing the flash.
            flash_cookie = reply.headers["set-cookie"].split(";")[0].strip()
            try:
                page = await request("GET", base + location, headers={"Cookie": f"{browser.cookie()}; {flash_cookie}"}, timeout=8.0)
                self.stats.bump(f"form bid pages http {page.status}")
            except TRANSIENT as error:
                self.stats.bump(f"form bid pages {type(error).__name__}")
            if flash.get("kind") != "notice" and "retry" in flash.get("message", ""):
                # The node could not reach the CommandService or its read model ("...; please retry."):
                # a person posts again, and the same requestKey makes it the same command.
                self.stats.bump("form bids told to retry")
                return None
            return Outcome(flash.get("kind") == "notice", None, flash.get("message", ""))
        return await self._retrying("form", once, deadline)
