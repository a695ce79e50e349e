package io.runledger.cli;

/** A user error: printed as one line, exit code 2, never a stack trace. */
final class CliException extends Exception {

    CliException(String message) {
        super(message);
    }
}
