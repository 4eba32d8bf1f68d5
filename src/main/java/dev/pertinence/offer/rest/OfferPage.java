package dev.pertinence.offer.rest;

import java.util.List;

public record OfferPage(List<OfferView> items, int page, int size, long total) {
}
