package dev.pertinence.shop.rest;

public record StoreView(String id, String name, double latitude, double longitude, int radiusMeters) {
}
