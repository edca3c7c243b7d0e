package org.estelle.daemon.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.estelle.Estelle;
import org.estelle.ForbiddenException;
import org.estelle.InvalidRequestException;
import org.estelle.ThumbnailRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * {@code /get} and {@code /queue}, by GET or POST (parameters in the query
 * string or a form body). Never parks a thread: a {@code /get} that must wait
 * for a thumbnail completes Jetty's callback when the thumbnail's future does.
 * (It still declares itself blocking: a hit stats files, which Jetty must not
 * be asked to do on a selector thread.)
 */
public final class ThumbnailHandler extends Handler.Abstract {

    private static final String ALLOWED_METHODS = "GET, POST";

    private final Estelle estelle;
    private final byte[] secret; // null when authentication is off

    public ThumbnailHandler(Estelle estelle, Optional<String> secret) {
        this.estelle = estelle;
        this.secret = secret.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    private enum Endpoint { GET, QUEUE }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Endpoint endpoint = switch (Request.getPathInContext(request)) {
            case "/get" -> Endpoint.GET;
            case "/queue" -> Endpoint.QUEUE;
            default -> null;
        };
        if (endpoint == null) {
            PlainText.write(response, callback, 404, "no such endpoint: use /get or /queue");
            return true;
        }
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.POST.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, ALLOWED_METHODS);
            PlainText.write(response, callback, 405, "method " + method + " is not allowed: use GET or POST");
            return true;
        }
        Fields query;
        try {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            PlainText.write(response, callback, 400, "the query string is not valid: " + e.getMessage());
            return true;
        }
        if (HttpMethod.GET.is(method)) {
            serve(endpoint, query, response, callback);
        } else {
            FormFields.from(request, StandardCharsets.UTF_8).whenComplete((form, failure) -> {
                if (failure != null) {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    PlainText.write(response, callback, 400, "the form body is not valid: " + cause.getMessage());
                } else {
                    serve(endpoint, Fields.combine(query, form), response, callback);
                }
            });
        }
        return true;
    }

    private void serve(Endpoint endpoint, Fields parameters, Response response, Callback callback) {
        ThumbnailRequest request;
        try {
            checkKey(parameters);
            request = ThumbnailRequest.parse(single(parameters, "source"), single(parameters, "size"),
                    single(parameters, "mode"), single(parameters, "format"), estelle.maxEdge());
        } catch (RuntimeException e) {
            PlainText.writeError(response, callback, e);
            return;
        }
        if (endpoint == Endpoint.GET) {
            estelle.thumbnail(request).whenComplete((path, failure) -> {
                if (failure != null) {
                    PlainText.writeError(response, callback, failure);
                } else {
                    PlainText.write(response, callback, 200, path.toString());
                }
            });
        } else {
            try {
                Optional<Path> ready = estelle.enqueue(request);
                if (ready.isPresent()) {
                    PlainText.write(response, callback, 200, ready.get().toString());
                } else {
                    PlainText.write(response, callback, 202, "queued");
                }
            } catch (RuntimeException e) {
                PlainText.writeError(response, callback, e);
            }
        }
    }

    private void checkKey(Fields parameters) {
        if (secret == null) {
            return;
        }
        String key = single(parameters, "key");
        // Constant time: how much of a guess matched must not show in the timing.
        if (key == null || !MessageDigest.isEqual(secret, key.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenException(key == null ? "key is missing: this daemon requires key=<secret>"
                    : "key is wrong");
        }
    }

    /** The parameter's one value, null when absent; given twice it is ambiguous, hence invalid. */
    private static String single(Fields parameters, String name) {
        List<String> values = parameters.getValuesOrEmpty(name);
        if (values.size() > 1) {
            throw new InvalidRequestException(name + " is given " + values.size() + " times: give it once");
        }
        return values.isEmpty() ? null : values.getFirst();
    }
}
