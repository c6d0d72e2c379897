/**
 * A start-up failure the operator can act on, whose message says all of it in one line:
 * what is wrong, where, and what to do (never a password or a stack trace). runMain logs
 * such a message as it is and exits 1; any other error is logged as "failed to start: …".
 * Subclass it for each known refusal (a configuration error, an unreachable database …).
 */
export class StartupError extends Error {}
