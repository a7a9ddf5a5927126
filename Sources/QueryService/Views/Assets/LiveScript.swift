/// The browser script, served at `/assets/live.js`: plain JavaScript, no build step, no eval, no
/// inline code (the pages' Content-Security-Policy forbids it).
///
/// It opens one WebSocket per page to `/live`, subscribes to every element's `data-live-topic`
/// after the page's `data-live-position` and `data-live-epoch` (tracking a position per topic,
/// and starting over from 0 when the node answers `resync`), replaces fragments by
/// id with the server-rendered HTML of each update (marked `live-updated`, which the stylesheet
/// flashes), reconnects with exponential backoff and jitter (resubscribing from the last
/// positions seen), shows a live/reconnecting indicator, counts down `<time data-countdown>`,
/// and sends `form[data-live-bid]` over the socket when it is open, falling back to the ordinary
/// POST (same idempotency key) when it is not.
enum LiveScript {
    static let path = "/assets/live.js"
    static let contentType = "text/javascript; charset=utf-8"

    static let source = #"""
        (function () {
          "use strict";
          var start = Number(document.body.getAttribute("data-live-position")) || 0;
          var epoch = document.body.getAttribute("data-live-epoch") || "";
          var cursors = {}, pending = {}, socket = null, attempt = 0;
          var status = document.getElementById("live-status");

          function topics() {
            document.querySelectorAll("[data-live-topic]").forEach(function (el) {
              var topic = el.getAttribute("data-live-topic");
              if (!(topic in cursors)) cursors[topic] = start;
            });
          }

          function show(state) {
            if (!status) return;
            status.hidden = false;
            status.textContent = state;
            status.className = "live-status " + state;
          }

          function send(message) {
            if (!socket || socket.readyState !== WebSocket.OPEN) return false;
            socket.send(JSON.stringify(message));
            return true;
          }

          function subscribeAll() {
            var groups = {};
            Object.keys(cursors).forEach(function (topic) {
              (groups[cursors[topic]] = groups[cursors[topic]] || []).push(topic);
            });
            Object.keys(groups).forEach(function (after) {
              send({ type: "subscribe", topics: groups[after], after: Number(after), epoch: epoch });
            });
          }

          function replace(message) {
            if (message.position <= (cursors[message.topic] || 0)) return;
            cursors[message.topic] = message.position;
            var old = document.getElementById(message.id);
            if (!old) return;
            var template = document.createElement("template");
            template.innerHTML = message.html;
            var fresh = template.content.firstElementChild;
            if (fresh) { fresh.classList.add("live-updated"); old.replaceWith(fresh); }
            countdown();
          }

          function bidForm(requestID) {
            var form = pending[requestID];
            if (form) { clearTimeout(form.liveTimer); delete pending[requestID]; }
            return form;
          }

          function report(form, text, failed) {
            var result = form.querySelector(".bid-result");
            if (result) { result.textContent = text; result.className = "bid-result" + (failed ? " error" : ""); }
            var button = form.querySelector("button");
            if (button) button.disabled = false;
          }

          function freshKey(form) {
            var key = form.elements.requestKey;
            if (!key) return;
            key.value = window.crypto && crypto.randomUUID ? crypto.randomUUID() : key.value.split("~")[0] + "~" + Date.now();
          }

          function received(event) {
            var message;
            try { message = JSON.parse(event.data); } catch (e) { return; }
            if (message.type === "update") {
              replace(message);
            } else if (message.type === "resync") {
              epoch = message.epoch;
              Object.keys(cursors).forEach(function (topic) { cursors[topic] = 0; });
              if (message.resubscribe) subscribeAll();
            } else if (message.type === "result" || (message.type === "error" && message.requestID)) {
              var form = bidForm(message.requestID);
              if (!form) return;
              report(form, message.message, !message.ok);
              if (message.ok) { form.elements.maximum.value = ""; freshKey(form); }
            }
          }

          function fallBack(form) {
            HTMLFormElement.prototype.submit.call(form);
          }

          function connect() {
            var scheme = location.protocol === "https:" ? "wss://" : "ws://";
            socket = new WebSocket(scheme + location.host + "/live");
            socket.onopen = function () { attempt = 0; show("live"); subscribeAll(); };
            socket.onmessage = received;
            socket.onclose = function () {
              socket = null;
              show("reconnecting");
              Object.keys(pending).forEach(function (id) { fallBack(bidForm(id)); });
              var delay = Math.min(30000, 500 * Math.pow(2, attempt++));
              setTimeout(connect, delay / 2 + Math.random() * delay / 2);
            };
          }

          document.addEventListener("submit", function (event) {
            var form = event.target.closest("form[data-live-bid]");
            if (!form || !form.elements.requestKey) return;
            var requestID = form.elements.requestKey.value;
            var sent = send({
              type: "bid", requestID: requestID,
              auction: form.getAttribute("data-live-bid"), maximum: form.elements.maximum.value
            });
            if (!sent) return;
            event.preventDefault();
            pending[requestID] = form;
            form.liveTimer = setTimeout(function () { if (bidForm(requestID)) fallBack(form); }, 15000);
            report(form, "Placing your bid…", false);
            var button = form.querySelector("button");
            if (button) button.disabled = true;
          });

          function left(ms) {
            var s = Math.floor(ms / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600);
            var m = Math.floor(s % 3600 / 60);
            if (d > 0) return "in " + d + "d " + h + "h";
            if (h > 0) return "in " + h + "h " + m + "m";
            return "in " + m + "m " + (s % 60) + "s";
          }

          function countdown() {
            document.querySelectorAll("time[data-countdown]").forEach(function (el) {
              if (!el.title) el.title = el.textContent;
              var ms = Date.parse(el.getAttribute("datetime")) - Date.now();
              el.textContent = ms > 0 ? left(ms) : "now";
            });
          }

          topics();
          countdown();
          setInterval(countdown, 1000);
          if (Object.keys(cursors).length > 0 || document.querySelector("form[data-live-bid]")) connect();
        })();
        """#
}
