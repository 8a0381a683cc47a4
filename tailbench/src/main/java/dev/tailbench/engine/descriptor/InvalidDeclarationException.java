package dev.tailbench.engine.descriptor;

import org.junit.platform.commons.JUnitException;

/** Thrown when a node whose declaration was rejected at discovery is executed. */
public final class InvalidDeclarationException extends JUnitException {

    private static final long serialVersionUID = 1L;

    public InvalidDeclarationException(String message) {
        super(message);
    }
}
