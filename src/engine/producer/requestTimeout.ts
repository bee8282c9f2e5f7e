/**
 * When a client's unanswered request times out. Kafka expires an in-flight request once MORE than
 * request.timeout.ms has passed since it was sent (InFlightRequests.hasExpiredRequest:
 * `timeSinceSend > requestTimeoutMs`), so with request.timeout.ms=0 it expires a millisecond
 * later. Expired in the instant it was sent, the retry went out and expired in that same instant,
 * forever (a fuzzed scenario stalled the engine at 0 ms). Positive values keep their exact time.
 */
export function requestTimeoutDelay(settings: { readonly 'request.timeout.ms': number }): number {
  return Math.max(1, settings['request.timeout.ms']);
}
