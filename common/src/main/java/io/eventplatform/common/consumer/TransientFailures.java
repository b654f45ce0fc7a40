package io.eventplatform.common.consumer;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;

import io.eventplatform.common.error.ApiException;

/**
 * The one rule that tells "a dependency is unavailable" from "this record cannot be processed". Transient, anywhere
 * in the cause chain: the store cannot be reached, answers too late, has no primary right now, refuses our
 * credentials, or labels the error retryable; or another service answered 503. The consumer retries a transient
 * failure for as long as it lasts, without committing and without dead-lettering. Any other failure is taken to be
 * the record's own and gets a bounded number of attempts.
 */
public final class TransientFailures {

    private static final String RETRYABLE_WRITE_ERROR = "RetryableWriteError";

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MongoSocketException || cause instanceof MongoTimeoutException
                    || cause instanceof MongoExecutionTimeoutException || cause instanceof MongoInterruptedException
                    || cause instanceof MongoNotPrimaryException || cause instanceof MongoNodeIsRecoveringException
                    || cause instanceof MongoSecurityException || cause instanceof MongoWriteConcernException) {
                return true;
            }
            if (cause instanceof MongoException mongo && (mongo.hasErrorLabel(RETRYABLE_WRITE_ERROR)
                    || mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL))) {
                return true;
            }
            if (cause instanceof ApiException api && api.status() == 503) {
                return true;
            }
        }
        return false;
    }
}
