package io.eventplatform.common.events;

/**
 * A message no retry can fix (unreadable, or breaking its contract): it goes to the dead-letter topic with this
 * reason at once instead of blocking its partition. Any other failure is retried (a few times unless it is transient).
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
