package org.estelle.daemon.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.estelle.InvalidRequestException;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reading request parameters, with every way they can be malformed answered 400. */
final class Parameters {

    private Parameters() {
    }

    /** The query string's parameters, decoded as UTF-8. */
    static Fields query(Request request) {
        try {
            return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("the query string is not valid: " + e.getMessage(), e);
        }
    }

    /** The parameter's one value, null when absent; given twice it is ambiguous, hence invalid. */
    static String single(Fields parameters, String name) {
        List<String> values = parameters.getValuesOrEmpty(name);
        if (values.size() > 1) {
            throw new InvalidRequestException(name + " is given " + values.size() + " times: give it once");
        }
        return values.isEmpty() ? null : values.getFirst();
    }
}
