-- The QueryService read model (docs/read-model.md).
--
-- Every table and view of the read model lives in ONE schema, so that `QueryService rebuild` can
-- build a complete second copy from zero (`read_model_next`) while readers keep using the live one,
-- and then swap the two with `ALTER SCHEMA ... RENAME` in one transaction.
--
-- `create_read_model(target)` is therefore the single definition of the read model: this migration
-- creates the live schema with it, and a rebuild creates the next one with it. A later migration
-- that changes the read model must both ALTER the live `read_model` and CREATE OR REPLACE this
-- function, so that a rebuild produces the same shape.
--
-- `projection_checkpoints` of migration 0001 is superseded by `read_model.checkpoints` (keyed by
-- stream name, swapped together with the data it describes) and is no longer written.
--
-- Nothing here stores a bidder's maximum or a reserve amount: the public events do not carry them.

CREATE FUNCTION create_read_model(target text) RETURNS void
LANGUAGE plpgsql
-- The SET clause makes the set_config(..., true) below local to the function call: the caller's
-- search_path is restored when it returns.
SET search_path = public
AS $body$
BEGIN
    EXECUTE format('CREATE SCHEMA %I', target);
    PERFORM set_config('search_path', quote_ident(target), true);

    -- Public profiles, from userRegistered.
    CREATE TABLE users (
        user_id text PRIMARY KEY,
        display_name text NOT NULL,
        registered_at timestamptz NOT NULL
    );

    -- One row per auction: its public terms and its current public state.
    CREATE TABLE auctions (
        auction_id text PRIMARY KEY,
        seller_id text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        currency text NOT NULL,
        starting_price_minor bigint NOT NULL,
        -- The visible price: the starting price until the first priceChanged.
        current_price_minor bigint NOT NULL,
        leader_id text,
        has_reserve boolean NOT NULL,
        -- True when there is no reserve or the price reached it; never the reserve itself.
        reserve_met boolean NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        original_ends_at timestamptz NOT NULL,
        extension_count integer NOT NULL DEFAULT 0,
        soft_close_window_seconds bigint NOT NULL,
        soft_close_extension_seconds bigint NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'closed', 'cancelled')),
        bid_count integer NOT NULL DEFAULT 0,
        winner_id text,
        final_price_minor bigint,
        created_at timestamptz NOT NULL,
        -- When the auction was closed or cancelled.
        finished_at timestamptz,
        -- The last public event version applied: the projector's idempotency check.
        version bigint NOT NULL,
        updated_at timestamptz NOT NULL
    );
    CREATE INDEX auctions_open_by_end ON auctions (ends_at, auction_id) WHERE status = 'open';
    CREATE INDEX auctions_by_seller ON auctions (seller_id, created_at DESC, auction_id);

    -- Public bid history: who bid, when, and the visible price right after the bid.
    CREATE TABLE bids (
        auction_id text NOT NULL,
        bid_number integer NOT NULL,
        bidder_id text NOT NULL,
        placed_at timestamptz NOT NULL,
        version bigint NOT NULL,
        currency text NOT NULL,
        -- From the priceChanged of the same decision; NULL when the bid did not change the
        -- visible price or leader (a leader raising their own maximum).
        price_after_minor bigint,
        leader_after_id text,
        PRIMARY KEY (auction_id, bid_number)
    );
    CREATE INDEX bids_by_time ON bids (auction_id, placed_at, bid_number);
    CREATE INDEX bids_by_version ON bids (auction_id, version);

    -- Where the projection has read each stream up to, updated in the same transaction as the
    -- effects of the entries (exactly once). entries_read counts every entry consumed, for lag.
    CREATE TABLE checkpoints (
        stream text PRIMARY KEY,
        entry_id text NOT NULL,
        entries_read bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- The node-local position of the last committed event (CommittedEvent.position).
    CREATE TABLE projection_position (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        position bigint NOT NULL
    );
    -- EXECUTE, not a static statement: PL/pgSQL caches plans of static DML per session.
    EXECUTE 'INSERT INTO projection_position (singleton, position) VALUES (true, 0)';

    -- Entries the projection could not apply: unknown type or schema version, malformed payload,
    -- or a version gap. raw_fields holds the entry's fields (non-UTF-8 values as "\x" + hex).
    CREATE TABLE dead_letters (
        id bigserial PRIMARY KEY,
        stream text NOT NULL,
        entry_id text NOT NULL,
        raw_fields jsonb NOT NULL,
        reason text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream, entry_id)
    );

    -- Analyst views: a public interface; change them only with a migration and a note.
    CREATE VIEW auction_summary AS
    SELECT a.auction_id, a.title, a.seller_id, a.status, a.currency,
           a.starting_price_minor,
           -- The highest visible price reached; the sale price is final_price_minor.
           a.current_price_minor,
           -- Set only when the auction closed with a winner.
           a.final_price_minor,
           a.winner_id, a.bid_count,
           (SELECT count(DISTINCT b.bidder_id) FROM bids b WHERE b.auction_id = a.auction_id) AS distinct_bidders,
           a.extension_count, a.has_reserve, a.reserve_met,
           a.created_at, a.original_ends_at, a.ends_at, a.finished_at
    FROM auctions a;

    CREATE VIEW bid_history AS
    SELECT b.auction_id, a.title, b.bid_number, b.bidder_id, u.display_name AS bidder_name,
           b.placed_at, b.currency, b.price_after_minor, b.leader_after_id
    FROM bids b
    JOIN auctions a ON a.auction_id = b.auction_id
    LEFT JOIN users u ON u.user_id = b.bidder_id;

    CREATE VIEW daily_volume AS
    SELECT (a.finished_at AT TIME ZONE 'UTC')::date AS day, a.currency,
           count(*) AS auctions_closed,
           count(a.winner_id) AS auctions_sold,
           coalesce(sum(a.final_price_minor), 0) AS sold_volume_minor,
           sum(a.bid_count) AS bids
    FROM auctions a
    WHERE a.status = 'closed'
    GROUP BY 1, 2;
END
$body$;

SELECT create_read_model('read_model');
