package org.estelle.daemon.config;

/** A setting that cannot be used; the message is one line naming it, its value and what is expected. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message, null, false, false);
    }

    static ConfigException invalid(Variable variable, String value, String expected) {
        return new ConfigException(variable + "=\"" + value + "\" is invalid: expected " + expected);
    }
}
