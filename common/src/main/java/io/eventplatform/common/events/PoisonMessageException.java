package io.eventplatform.common.events;

/**
 * A message no retry can fix (unreadable, or breaking its contract): it goes to the dead-letter topic with this
 * reason instead of blocking its partition. Any other failure is treated as transient and retried.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
