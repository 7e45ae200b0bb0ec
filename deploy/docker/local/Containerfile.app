# An app's image without a registry: the debootstrap base (deploy/local/container-images.sh) and the app's
# self-contained `dotnet publish` output as the build context. APP is the app's executable (Intake, Gateway, ...).
FROM localhost/rehab-base:bookworm
ARG APP
COPY . /app
WORKDIR /app
# Production by default, as deploy/docker/Dockerfile; only a demo override switches to Development.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    APP=${APP}
EXPOSE 8080
# The aspnet images' non-root user id, numeric so that Kubernetes' runAsNonRoot can check it.
USER 1654
ENTRYPOINT ["sh", "-c", "exec /app/\"$APP\""]
