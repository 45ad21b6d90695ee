# Builds and runs the same projects as scripts/run.sh, with Debian's Chromium and fonts for PDF reports.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/CopAssessment.Web/CopAssessment.Web.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-noto-core fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    CHROMIUM_PATH=/usr/bin/chromium
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "CopAssessment.Web.dll"]
