package org.estelle.daemon.http;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.Promise;
import org.estelle.Estelle;
import org.estelle.InvalidRequestException;
import org.estelle.Thumbnail;
import org.estelle.ThumbnailRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /get} and {@code /queue}, by GET or POST (parameters in the query
 * string or a form body). Never parks a thread: a {@code /get} that must wait
 * for a thumbnail completes Jetty's callback when the thumbnail's future does.
 *
 * <p>Declared non-blocking, so a hit runs on the thread that read the request:
 * its work is parsing, a SHA-1 and a few {@code stat}s of local files
 * (microseconds), and a miss only queues work. (A source directory on a
 * network file system that stops answering would hold that thread; see
 * docs/OPERATIONS.md.)
 */
final class ThumbnailHandler extends Handler.Abstract {

    /** Five are meaningful; a few unknown ones (a cache-buster, say) are tolerated. */
    static final int MAX_PARAMETERS = 16;
    static final int MAX_FORM_BYTES = 16 * 1024;

    private final Estelle estelle;
    private final Secret secret;

    ThumbnailHandler(Estelle estelle, Secret secret) {
        super(InvocationType.NON_BLOCKING);
        this.estelle = estelle;
        this.secret = secret;
    }

    private enum Endpoint { GET, QUEUE }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Endpoint endpoint = Request.getPathInContext(request).equals("/queue") ? Endpoint.QUEUE : Endpoint.GET;
        String method = request.getMethod();
        Fields query;
        try {
            query = Parameters.query(request);
        } catch (RuntimeException e) {
            PlainText.writeError(response, callback, e);
            return true;
        }
        if (HttpMethod.GET.is(method)) {
            serve(endpoint, request, query, response, callback);
        } else {
            // The body may arrive later: Jetty calls back when it has been read.
            FormFields.onFields(request, StandardCharsets.UTF_8, MAX_PARAMETERS, MAX_FORM_BYTES,
                    Promise.Invocable.from(InvocationType.NON_BLOCKING, (form, failure) -> {
                        if (failure != null) {
                            PlainText.writeError(response, callback,
                                    new InvalidRequestException("the form body is not valid: " + failure.getMessage(), failure));
                        } else {
                            serve(endpoint, request, Fields.combine(query, form), response, callback);
                        }
                    }));
        }
        return true;
    }

    private void serve(Endpoint endpoint, Request httpRequest, Fields parameters, Response response, Callback callback) {
        ThumbnailRequest thumbnailRequest;
        try {
            int count = 0;
            for (Fields.Field field : parameters) {
                count += field.getValues().size();
            }
            if (count > MAX_PARAMETERS) {
                throw new InvalidRequestException("too many parameters (" + count + "): give source, size, mode,"
                        + " format and key, at most " + MAX_PARAMETERS + " in all");
            }
            secret.check(Parameters.single(parameters, "key"));
            thumbnailRequest = ThumbnailRequest.parse(Parameters.single(parameters, "source"),
                    Parameters.single(parameters, "size"), Parameters.single(parameters, "mode"),
                    Parameters.single(parameters, "format"), estelle.maxEdge());
        } catch (RuntimeException e) {
            PlainText.writeError(response, callback, e);
            return;
        }
        if (endpoint == Endpoint.GET) {
            CompletableFuture<Thumbnail> thumbnail = estelle.thumbnail(thumbnailRequest);
            // A hit is complete already; a miss completes on the worker that made it.
            boolean waited = !thumbnail.isDone();
            thumbnail.whenComplete((made, failure) -> {
                if (failure != null) {
                    if (waited) {
                        RequestLogger.cache(httpRequest, false);
                    }
                    PlainText.writeError(response, callback, failure);
                } else {
                    RequestLogger.answered(httpRequest, made);
                    PlainText.write(response, callback, 200, made.path().toString());
                }
            });
        } else {
            try {
                Optional<Path> ready = estelle.enqueue(thumbnailRequest);
                RequestLogger.cache(httpRequest, ready.isPresent());
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

}
