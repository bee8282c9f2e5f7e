/**
 * When a client's unanswered request expires (producer and consumer alike: both use Kafka's
 * NetworkClient). Kafka expires an in-flight request once MORE than its timeout has passed since
 * it was sent (InFlightRequests.hasExpiredRequest: `timeSinceSend > requestTimeoutMs`), so a
 * timeout of 0 expires it a millisecond later. Expired in the instant it was sent, a request went
 * out again and expired again in that same instant, forever (a fuzzed scenario with
 * request.timeout.ms=0 stalled the engine at 0 ms). Positive timeouts keep their exact time.
 */
export function requestExpiryDelay(requestTimeoutMs: number): number {
  return Math.max(1, requestTimeoutMs);
}
