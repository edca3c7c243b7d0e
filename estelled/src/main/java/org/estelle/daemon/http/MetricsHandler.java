package org.estelle.daemon.http;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** {@code GET /metrics}: the Prometheus text exposition format. */
final class MetricsHandler extends Handler.Abstract.NonBlocking {

    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private final Metrics metrics;
    private final Secret secret;

    MetricsHandler(Metrics metrics, Secret secret) {
        this.metrics = metrics;
        this.secret = secret;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        secret.check(Parameters.single(Parameters.query(request), "key"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        WRITER.write(body, metrics.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, WRITER.getContentType());
        response.write(true, ByteBuffer.wrap(body.toByteArray()), callback);
        return true;
    }
}
