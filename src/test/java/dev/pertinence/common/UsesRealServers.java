package dev.pertinence.common;

import io.quarkus.test.common.QuarkusTestResource;

/** Declares the global test resource once; Quarkus applies it to every test class. */
@QuarkusTestResource(RealServers.class)
public final class UsesRealServers {

    private UsesRealServers() {
    }
}
