package dev.pertinence.outcome.rest;

import java.util.List;

public record BatchReceipt(int recorded, int duplicates, List<OutcomeReceipt> outcomes) {
}
