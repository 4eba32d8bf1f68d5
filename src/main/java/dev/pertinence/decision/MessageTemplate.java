package dev.pertinence.decision;

/**
 * An offer's message, rendered for one person at decision time (a Qute template, compiled once
 * when the catalogue loads; the core only sees this interface).
 */
public interface MessageTemplate {

    String render(MessageFields fields);

    /** A message without placeholders. */
    static MessageTemplate plain(String text) {
        return fields -> text;
    }
}
