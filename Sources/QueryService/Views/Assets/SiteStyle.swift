/// The stylesheet, served at `/assets/site.css`: plain CSS, no build step, linked from
/// ``PageLayout``. The pages' Content-Security-Policy allows styles from this origin only
/// (`style-src 'self'`), so nothing is styled inline and every rule lives here.
///
/// It styles only the classes and elements the components render. Two of them come from
/// ``LiveScript``: the `live-status` pill's `live`/`reconnecting` state, and `live-updated`
/// on a fragment just replaced by a live update, which flashes once (not under
/// `prefers-reduced-motion`). The auction page's panel and bid form float beside the description
/// and history on wide screens (floats, because the optional notice makes grid rows uneven).
enum SiteStyle {
    static let path = "/assets/site.css"
    static let contentType = "text/css; charset=utf-8"

    static let source = #"""
        :root {
          --bg: #f5f6f8; --card: #fff; --text: #1f2328; --muted: #5b6570; --line: #d9dee4;
          --accent: #0a5bb5; --accent-dark: #084a93; --ok: #1a7f37; --ok-bg: #e6f4ea;
          --bad: #c62828; --bad-bg: #fdecea; --warn: #8a5a00; --warn-bg: #fff4d6; --radius: 10px;
          color-scheme: light;
        }
        *, *::before, *::after { box-sizing: border-box; }
        [hidden] { display: none !important; }
        body {
          margin: 0; background: var(--bg); color: var(--text);
          font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
        }
        a { color: var(--accent); }
        a:hover { color: var(--accent-dark); }
        h1, h2 { line-height: 1.2; margin: 0 0 .5em; }
        h1 { font-size: 1.9rem; }
        h2 { font-size: 1.25rem; }
        main { max-width: 1080px; margin: 0 auto; padding: 1.5rem 1rem 3rem; }

        /* Header and navigation */
        header nav {
          display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem;
          max-width: 1080px; margin: 0 auto; padding: .75rem 1rem;
        }
        body > header { background: var(--card); border-bottom: 1px solid var(--line); }
        nav .home { font-weight: 700; font-size: 1.15rem; color: var(--text); text-decoration: none; margin-right: auto; }
        nav a { text-decoration: none; }
        nav .user { font-weight: 600; }
        nav .logout { margin: 0; }
        nav .logout button { background: none; border: 0; padding: 0; color: var(--accent); font: inherit; cursor: pointer; }
        .live-status {
          display: inline-block; padding: .1rem .6rem; border-radius: 999px; font-size: .75rem; font-weight: 600;
          text-transform: uppercase; letter-spacing: .04em; background: var(--line); color: var(--muted);
        }
        .live-status.live { background: var(--ok-bg); color: var(--ok); }
        .live-status.live::before { content: "\25CF  "; }
        .live-status.reconnecting { background: var(--warn-bg); color: var(--warn); }

        /* Auction lists: cards in a responsive grid */
        .auctions { margin-bottom: 2rem; }
        .auction-list {
          list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem;
          grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
        }
        .auction-card {
          position: relative; display: flex; flex-direction: column; gap: .25rem; padding: 1rem;
          background: var(--card); border: 1px solid var(--line); border-radius: var(--radius);
          transition: box-shadow .15s, border-color .15s;
        }
        .auction-card:hover { border-color: var(--accent); box-shadow: 0 4px 14px rgba(0, 0, 0, .08); }
        .auction-card a { font-weight: 600; color: var(--text); text-decoration: none; }
        .auction-card a::after { content: ""; position: absolute; inset: 0; }
        .auction-card .price { font-size: 1.4rem; font-weight: 700; }
        .auction-card .bid-count, .auction-card time { color: var(--muted); font-size: .9rem; }
        .auction-card .closed { align-self: flex-start; font-size: .8rem; font-weight: 600; color: var(--muted); }
        .empty { color: var(--muted); }
        .sell-link, .browse { margin: 0 0 1.5rem; }
        .pagination { display: flex; gap: 1.5rem; }
        .seller-header { margin-bottom: 1.5rem; }
        .seller-header p { color: var(--muted); margin: 0; }

        /* Auction page */
        .auction .seller { color: var(--muted); margin-top: 0; }
        .price-panel, .bidding, .description, .bid-history, .account, .sell, .error-page {
          background: var(--card); border: 1px solid var(--line); border-radius: var(--radius);
          padding: 1.25rem; margin-bottom: 1.25rem;
        }
        .price-panel p { margin: .25rem 0; }
        .price-panel .price .label {
          display: block; font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
        }
        .price-panel .price strong { font-size: 2.6rem; line-height: 1.1; }
        .price-panel .leader .name { font-weight: 600; }
        .price-panel .bid-count, .price-panel .ends { color: var(--muted); }
        .price-panel .ends time { color: var(--text); font-weight: 600; font-variant-numeric: tabular-nums; }
        .price-panel .status, .price-panel .reserve-met, .price-panel .reserve-not-met {
          display: inline-block; margin: .5rem .4rem 0 0; padding: .15rem .7rem; border-radius: 999px;
          font-size: .85rem; font-weight: 600;
        }
        .price-panel .reserve { font-size: .9rem; color: var(--muted); }
        .status-open, .price-panel .reserve-met { background: var(--ok-bg); color: var(--ok); }
        .status-sold { background: #e3eefb; color: var(--accent-dark); }
        .status-cancelled { background: var(--bad-bg); color: var(--bad); }
        .status-unsold { background: var(--line); color: var(--muted); }
        .price-panel .reserve-not-met { background: var(--warn-bg); color: var(--warn); }
        .description p { margin: 0; white-space: pre-line; }
        .bid-note, .bid-sign-in { margin: 0; }
        @media (min-width: 820px) {
          .auction { display: flow-root; }
          .auction .price-panel, .auction .bidding { float: right; clear: right; width: 340px; margin-left: 1.5rem; }
          .auction .description, .auction .bid-history { display: flow-root; }
        }

        /* Bid history */
        .bids { list-style: none; margin: 0; padding: 0; }
        .bids li { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1rem; padding: .5rem 0; border-top: 1px solid var(--line); }
        .bids li:first-child { border-top: 0; }
        .bids .name { font-weight: 600; flex: 1; }
        .bids .price { font-variant-numeric: tabular-nums; }
        .bids time { color: var(--muted); font-size: .9rem; min-width: 9em; text-align: right; }

        /* Forms */
        .account, .sell { max-width: 30rem; margin: 1rem auto 2rem; }
        .error-page { max-width: 36rem; margin: 1rem auto; text-align: center; }
        .error-page .status { color: var(--muted); }
        main form { display: flex; flex-direction: column; gap: .35rem; }
        label { font-weight: 600; font-size: .92rem; margin-top: .6rem; }
        main form label:first-of-type { margin-top: 0; }
        input, select, textarea {
          font: inherit; color: inherit; padding: .55rem .7rem; border: 1px solid #b8c0c8; border-radius: 6px; background: #fff; width: 100%;
        }
        textarea { min-height: 8rem; resize: vertical; }
        input:focus, select:focus, textarea:focus, button:focus-visible { outline: 3px solid rgba(10, 91, 181, .3); border-color: var(--accent); }
        main button {
          margin-top: .9rem; padding: .65rem 1.2rem; font: inherit; font-weight: 600; color: #fff; background: var(--accent);
          border: 0; border-radius: 6px; cursor: pointer;
        }
        main button:hover { background: var(--accent-dark); }
        main button:disabled { opacity: .6; cursor: progress; }
        .bid-form input { font-size: 1.2rem; }
        .hint { margin: 0; color: var(--muted); font-size: .85rem; }
        .bid-result { margin: .4rem 0 0; min-height: 1.5em; color: var(--ok); font-weight: 600; }

        /* Notices and errors */
        .notice, .form-error, .bid-result.error { border-radius: 6px; padding: .6rem .9rem; margin: 0 0 1rem; font-weight: 500; }
        .bid-result.error { margin: .6rem 0 0; }
        .notice { background: var(--ok-bg); color: var(--ok); border: 1px solid #a6d8b3; }
        .form-error, .bid-result.error { background: var(--bad-bg); color: var(--bad); border: 1px solid #f2b8b5; }
        .bid-result:empty { padding: 0; }

        /* Fragments replaced by a live update flash once */
        .live-updated { animation: live-flash 1.4s ease-out; }
        @keyframes live-flash { from { background-color: #fff3b0; box-shadow: 0 0 0 3px #f5d75e; } }
        @media (prefers-reduced-motion: reduce) {
          *, *::before, *::after { animation: none !important; transition: none !important; }
        }
        """#
}
