# Pertinence: Quarkus fast-jar on a maintained JRE, non-root.
# Build: docker build -t pertinence .   (multi-stage: no local JDK needed)
# Run:   docker run -p 8080:8080 -e QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://db:5432/pertinence \
#          -e QUARKUS_DATASOURCE_USERNAME=... -e QUARKUS_DATASOURCE_PASSWORD=... -e QUARKUS_REDIS_HOSTS=redis://cache:6379 pertinence
# Without those variables the service starts embedded PostgreSQL and Redis inside the container (demo only).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY openapi.yaml ./
RUN ./mvnw -B -q package -DskipTests

FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21
ENV LANGUAGE='en_US:en'
# Quarkus' layout: dependencies first, they change least often
COPY --from=build --chown=185 /build/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build --chown=185 /build/target/quarkus-app/*.jar /deployments/
COPY --from=build --chown=185 /build/target/quarkus-app/app/ /deployments/app/
COPY --from=build --chown=185 /build/target/quarkus-app/quarkus/ /deployments/quarkus/
EXPOSE 8080
USER 185
ENV JAVA_OPTS_APPEND="-XX:MaxRAMPercentage=75 -Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
ENV JAVA_APP_JAR="/deployments/quarkus-run.jar"
# bash's /dev/tcp rather than curl, which the minimal runtime image need not contain
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /q/health/live HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "' || exit 1
ENTRYPOINT [ "/opt/jboss/container/java/run/run-java.sh" ]
