#!/usr/bin/env python3
"""Drives headless Chromium through the DevTools protocol (stdlib + websockets only).

Usage: browser_check.py CHROMIUM STEPS_JSON

Starts CHROMIUM headless with a fresh profile, opens one tab and runs the steps in order:
  {"cookie": {"name", "value", "url"}}      set a cookie (e.g. the session, HttpOnly)
  {"navigate": URL}                         load a page and wait for its load event
  {"eval": EXPR, "as": NAME}                evaluate EXPR in the page, print {"eval": NAME, "value": V}
  {"wait": EXPR, "as": NAME, "timeout": S}  poll EXPR until truthy, print {"wait": NAME, "ok": B, "value": V}
  {"signal": NAME}                          print {"signal": NAME}
  {"wait_file": PATH, "timeout": S}         wait until PATH exists (the test's go-ahead)
Evaluation through DevTools is not page script, so the page's CSP still governs the page itself.
At the end prints {"dialogs": [...], "exceptions": [...], "csp": [...]}: any alert() that opened,
uncaught page exceptions, and console/log lines mentioning the Content Security Policy.
"""
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import websockets


def out(obj):
    print(json.dumps(obj), flush=True)


class Tab:
    def __init__(self, ws):
        self.ws, self.next_id, self.pending, self.session = ws, 0, {}, None
        self.dialogs, self.exceptions, self.csp, self.loaded = [], [], [], asyncio.Event()

    async def call(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        await self.ws.send(json.dumps(message))
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def pump(self):
        async for raw in self.ws:
            message = json.loads(raw)
            if "id" in message and message["id"] in self.pending:
                self.pending.pop(message["id"]).set_result(message)
                continue
            method, params = message.get("method"), message.get("params", {})
            if method == "Page.javascriptDialogOpening":
                self.dialogs.append(params.get("message"))
                asyncio.ensure_future(self.call("Page.handleJavaScriptDialog", {"accept": True}))
            elif method == "Page.loadEventFired":
                self.loaded.set()
            elif method == "Runtime.exceptionThrown":
                self.exceptions.append(params.get("exceptionDetails", {}).get("text"))
            elif method in ("Runtime.consoleAPICalled", "Log.entryAdded"):
                text = json.dumps(params)
                if "Content Security Policy" in text or "Content-Security-Policy" in text:
                    self.csp.append(text[:300])

    async def evaluate(self, expression):
        result = await self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        return result.get("result", {}).get("value")


async def run(chromium, steps):
    profile = tempfile.mkdtemp(prefix="chromium-")
    process = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", f"--user-data-dir={profile}",
         "--no-first-run", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        endpoint = None
        for line in process.stderr:
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                endpoint = match.group(1)
                break
        async with websockets.connect(endpoint, max_size=None) as ws:
            tab = Tab(ws)
            pump = asyncio.ensure_future(tab.pump())
            target = await tab.call("Target.createTarget", {"url": "about:blank"}, session=False)
            attached = await tab.call("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, session=False)
            tab.session = attached["sessionId"]
            for domain in ("Page", "Runtime", "Network", "Log"):
                await tab.call(f"{domain}.enable")
            for step in steps:
                await perform(tab, step)
            out({"dialogs": tab.dialogs, "exceptions": tab.exceptions, "csp": tab.csp})
            pump.cancel()
    finally:
        process.kill()
        process.wait()
        shutil.rmtree(profile, ignore_errors=True)


async def perform(tab, step):
    if "cookie" in step:
        cookie = dict(step["cookie"], httpOnly=True, sameSite="Lax", path="/")
        await tab.call("Network.setCookie", cookie)
    elif "navigate" in step:
        tab.loaded.clear()
        await tab.call("Page.navigate", {"url": step["navigate"]})
        await asyncio.wait_for(tab.loaded.wait(), 30)
    elif "eval" in step:
        out({"eval": step.get("as", step["eval"]), "value": await tab.evaluate(step["eval"])})
    elif "wait" in step:
        deadline = asyncio.get_running_loop().time() + step.get("timeout", 15)
        value = None
        while asyncio.get_running_loop().time() < deadline:
            value = await tab.evaluate(step["wait"])
            if value:
                break
            await asyncio.sleep(0.1)
        out({"wait": step.get("as", step["wait"]), "ok": bool(value), "value": value})
    elif "signal" in step:
        out({"signal": step["signal"]})
    elif "wait_file" in step:
        deadline = asyncio.get_running_loop().time() + step.get("timeout", 60)
        while not os.path.exists(step["wait_file"]) and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)


def main():
    asyncio.run(run(sys.argv[1], json.loads(sys.argv[2])))


if __name__ == "__main__":
    main()
