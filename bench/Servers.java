import dev.pertinence.common.embedded.EmbeddedServers;

/**
 * Embedded PostgreSQL and Redis in a JVM of their own, so that the service can be restarted
 * against the same data (bench/warmup.sh). Prints each property as -Dkey=value on one line, then
 * waits until killed (SIGTERM stops both servers).
 * Usage: java -cp 'target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*:target/quarkus-app/app/*' bench/Servers.java
 */
public class Servers {

    public static void main(String[] args) throws InterruptedException {
        StringBuilder line = new StringBuilder();
        EmbeddedServers.startUnlessConfigured().forEach((key, value) -> line.append(" -D").append(key).append('=').append(value));
        System.out.println("SERVERS" + line);
        System.out.flush();
        Thread.currentThread().join();
    }
}
