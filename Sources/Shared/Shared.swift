/// Shared building blocks of the live auction services: the Redis, PostgreSQL and
/// HTTP/WebSocket layers over hiredis, libpq and libwebsockets.
package enum SharedModule {}
