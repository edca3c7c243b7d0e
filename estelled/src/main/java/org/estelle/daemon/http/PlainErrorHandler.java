package org.estelle.daemon.http;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty itself raises (a malformed request line, headers too large, a
 * bad URI) answered like ours: one line of plain text, no HTML page.
 */
final class PlainErrorHandler implements Request.Handler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() > 0 ? response.getStatus() : 500;
        Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        String reason = HttpStatus.getMessage(status);
        String body = message == null || message.toString().isBlank() || message.toString().equals(reason)
                ? reason
                : reason + ": " + message;
        PlainText.write(response, callback, status, body.replaceAll("[\\r\\n]+", " "));
        return true;
    }
}
