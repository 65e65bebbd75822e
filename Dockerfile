# Container image for running the site locally or on any container host. Elastic Beanstalk does
# not use it: there the Java SE platform runs the same jar, built by the same Maven command.

# ---- build: `mvn -B -DskipTests package` (CI runs the tests; Elastic Beanstalk gets CI's jar) ----
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /build
# The POM alone first, so the dependency download is a cached layer that only a POM change redoes.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src/ src/
COPY templates/ templates/
COPY assets/ assets/
COPY content/ content/
RUN mvn -B -DskipTests package

# ---- runtime: a JRE only; this Ubuntu-based image ships curl, which the health check uses ----
# Pinned to a patch release; Temurin tags follow the upstream build (jdk-17.0.19+10, April 2026).
# DockerfileTest fails when it falls behind the JDK the tests run on; raise it with each quarterly
# Java security release.
FROM eclipse-temurin:17.0.19_10-jre-jammy
# A fixed, unprivileged UID/GID so volume permissions and runAsNonRoot checks are predictable.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /app/data \
    && chown app:app /app/data
WORKDIR /app
# Owned by root and only readable by the app user: the running process cannot change its own code.
COPY --from=build /build/target/resume-site.jar /app/resume-site.jar

# BIND_ADDRESS: every interface, because a published port reaches the container on its own network
# interface, never on its loopback (the app's default, for local runs, is 127.0.0.1).
ENV PORT=8080 \
    BIND_ADDRESS=0.0.0.0 \
    DATA_DIR=/app/data
EXPOSE 8080
USER 10001:10001

# /healthz never counts a visit and answers 200 even when the counter store is down.
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/healthz" || exit 1

# Exec form: java is PID 1 and receives SIGTERM directly, so it drains requests and flushes counts
# within SHUTDOWN_GRACE_SECONDS (20 by default: run with `docker run --stop-timeout 25` or the
# equivalent, because Docker's own default is 10 s). Heap sized from the container's memory limit.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/resume-site.jar"]
