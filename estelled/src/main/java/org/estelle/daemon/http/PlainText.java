package org.estelle.daemon.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.estelle.EstelleException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Every answer estelled writes: a status and one line of UTF-8 text. This is
 * the one place where errors become HTTP.
 */
final class PlainText {

    static final String CONTENT_TYPE = "text/plain; charset=utf-8";
    /** Seconds a client is told to wait after a 503. */
    static final String RETRY_AFTER_SECONDS = "1";

    private static final System.Logger LOG = System.getLogger(PlainText.class.getName());

    private PlainText() {
    }

    /** {@code body} is one line: an error's message is made so by {@link EstelleException}. */
    static void write(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        if (status == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        Content.Sink.write(response, true, body, callback);
    }

    /** Answers with the status and message a failure calls for. */
    static void writeError(Response response, Callback callback, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof EstelleException e) {
            write(response, callback, e.status(), e.getMessage());
        } else {
            LOG.log(System.Logger.Level.ERROR, "unexpected failure", cause);
            String message = cause.getMessage() == null ? "" : ": " + String.join("; ", cause.getMessage().strip().lines().toList());
            write(response, callback, 500, "internal error: " + cause.getClass().getSimpleName() + message);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
