{{/*
What each service's code needs, fixed with the code rather than set by values: the engines it
connects to (their URL variables come from the Secret; s3, the object store, is set by S3_* variables
instead), whether it serves gRPC, the secrets it reads, the backends it calls and whether it reaches
messaging providers (networkPolicy.providers) or
the web for link previews (networkPolicy.linkPreviews). Change it together with services/<name>/src/config.ts.
*/}}
{{- define "omnibox.catalog" -}}
gateway:
  engines: [mongodb, redis, nats, s3]
  grpc: false
  secrets: [INTERNAL_SECRET, JWT_SECRET]
  # Opens channel credentials (CHANNEL_CREDENTIALS_KEY, optional in an existing Secret).
  sealsCredentials: true
  # Reaches messaging providers: Telegram's setWebhook when a channel is created.
  providers: true
conversations:
  engines: [mongodb, redis, nats, s3]
  grpc: true
  secrets: [INTERNAL_SECRET]
  # Backends this one calls over gRPC (besides the gateway calling every backend).
  calls: [contacts]
  sealsCredentials: true
  # Reaches messaging providers: sends through their APIs (and outboundUrls), copies incoming media.
  providers: true
  # Sends e-mail through the channels' SMTP relays (networkPolicy.smtpRelays).
  smtpRelays: true
  # Fetches the pages behind links in agents' messages for their previews (networkPolicy.linkPreviews).
  linkPreviews: true
contacts:
  engines: [mongodb, nats]
  grpc: true
  secrets: [INTERNAL_SECRET]
search:
  engines: [elasticsearch, redis, nats]
  grpc: true
  secrets: [INTERNAL_SECRET]
calls:
  engines: [mongodb, redis, nats, s3]
  grpc: true
  secrets: [INTERNAL_SECRET]
  # Contacts: who called (created unassigned on first sight); conversations: CAL-3's assignment.
  calls: [contacts, conversations]
  sealsCredentials: true
  # Reaches messaging providers: call actions to a channel's outboundUrl, recordings to copy.
  providers: true
notifications:
  engines: [mongodb, redis, nats]
  grpc: true
  secrets: [INTERNAL_SECRET, VAPID_PRIVATE_KEY]
  # Sends Web Push to the browsers' push services (networkPolicy.pushServices).
  webPush: true
{{- end }}

{{/* The services in a fixed order: the gateway, then the backends it calls. */}}
{{- define "omnibox.serviceNames" -}}
[gateway, conversations, contacts, search, calls, notifications]
{{- end }}

{{/*
The named port where a service serves GET /metrics: the gateway's admin port (its HTTP port is the
public API), a backend's HTTP (health) port. Takes (dict "root" $ "name" $name).
*/}}
{{- define "omnibox.metricsPortName" -}}
{{- if eq .name "gateway" }}metrics{{ else }}http{{ end -}}
{{- end }}

{{/* An alert's labels: its severity and metrics.prometheusRule.alertLabels. Takes (dict "root" $ "severity" $severity). */}}
{{- define "omnibox.alertLabels" -}}
{{- toYaml (merge (dict "severity" .severity) .root.Values.metrics.prometheusRule.alertLabels) -}}
{{- end }}

{{/* The variable holding an engine's URL. */}}
{{- define "omnibox.engineVar" -}}
{{- printf "%s_URL" (upper .) -}}
{{- end }}

{{/* Prefix of every resource name: the release name unless fullnameOverride is set. */}}
{{- define "omnibox.prefix" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end }}

{{/* Name of one service's resources: <prefix>-<service>. Takes (dict "root" $ "name" $name). */}}
{{- define "omnibox.fullname" -}}
{{- printf "%s-%s" (include "omnibox.prefix" .root) .name -}}
{{- end }}

{{- define "omnibox.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/* Labels shared by every resource of the release. */}}
{{- define "omnibox.commonLabels" -}}
helm.sh/chart: {{ include "omnibox.chart" . }}
app.kubernetes.io/name: omnibox
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: omnibox
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Selects one service's pods. Takes (dict "root" $ "name" $name). */}}
{{- define "omnibox.selectorLabels" -}}
app.kubernetes.io/name: omnibox
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/* All labels of one service's resources. Takes (dict "root" $ "name" $name). */}}
{{- define "omnibox.labels" -}}
{{ include "omnibox.commonLabels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/* The image of one service. Takes (dict "root" $ "name" $name). */}}
{{- define "omnibox.image" -}}
{{- $global := .root.Values.image -}}
{{- $own := (index .root.Values .name).image | default dict -}}
{{- $repository := $own.repository | default (printf "%s%s" $global.repositoryPrefix .name) -}}
{{- if $global.registry }}{{ $repository = printf "%s/%s" (trimSuffix "/" $global.registry) $repository }}{{ end -}}
{{- $tag := $own.tag | default $global.tag | default .root.Chart.AppVersion | toString -}}
{{- if $own.digest -}}
{{- printf "%s:%s@%s" $repository $tag $own.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository $tag -}}
{{- end -}}
{{- end }}

{{/* The Secret the services read their secrets and engine URLs from. */}}
{{- define "omnibox.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "omnibox.prefix" .)) -}}
{{- end }}

{{- define "omnibox.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "omnibox.prefix" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end }}

{{/*
A secret given by values, else the one already in the cluster (so an upgrade keeps it), else a new
random one. Takes (dict "root" $ "key" "JWT_SECRET" "value" .Values.secrets.jwtSecret).
*/}}
{{- define "omnibox.generatedSecret" -}}
{{- if .value -}}
{{- .value -}}
{{- else -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace (include "omnibox.secretName" .root) -}}
{{- $data := (get (default dict $existing) "data") | default dict -}}
{{- if hasKey $data .key -}}
{{- index $data .key | b64dec -}}
{{- else -}}
{{- randAlphaNum 48 -}}
{{- end -}}
{{- end -}}
{{- end }}

{{/*
The VAPID private key: given by values, else the one already in the cluster (an upgrade keeps it:
browsers' push subscriptions are bound to it), else a new P-256 key (PEM, which the service reads).
*/}}
{{- define "omnibox.vapidPrivateKey" -}}
{{- if .Values.secrets.vapidPrivateKey -}}
{{- .Values.secrets.vapidPrivateKey -}}
{{- else -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "omnibox.secretName" .) -}}
{{- $data := (get (default dict $existing) "data") | default dict -}}
{{- if hasKey $data "VAPID_PRIVATE_KEY" -}}
{{- index $data "VAPID_PRIVATE_KEY" | b64dec -}}
{{- else -}}
{{- genPrivateKey "ecdsa" -}}
{{- end -}}
{{- end -}}
{{- end }}

{{/*
Fails rendering with a message naming the value when settings contradict each other (what the
schema cannot express).
*/}}
{{- define "omnibox.validate" -}}
{{- $root := . -}}
{{- if le (int .Values.shutdown.terminationGracePeriodSeconds) (int .Values.shutdown.preStopSleepSeconds) -}}
{{- fail (printf "shutdown.terminationGracePeriodSeconds (%v) must be greater than shutdown.preStopSleepSeconds (%v): the pod needs time to drain after the sleep" .Values.shutdown.terminationGracePeriodSeconds .Values.shutdown.preStopSleepSeconds) -}}
{{- end -}}
{{- if eq (int .Values.gateway.ports.metrics) (int .Values.gateway.ports.http) -}}
{{- fail (printf "gateway.ports.metrics (%v) must differ from gateway.ports.http (%v): metrics are served on an admin port, never on the public API" .Values.gateway.ports.metrics .Values.gateway.ports.http) -}}
{{- end -}}
{{- if and .Values.metrics.prometheusRule.enabled (not .Values.metrics.serviceMonitor.enabled) -}}
{{- fail "metrics.prometheusRule.enabled needs metrics.serviceMonitor.enabled: the alert rules select the series of the ServiceMonitors' jobs (<release>-<service>)" -}}
{{- end -}}
{{- range $name := fromYamlArray (include "omnibox.serviceNames" $root) -}}
{{- $svc := index $root.Values $name -}}
{{- if gt (int $svc.autoscaling.minReplicas) (int $svc.autoscaling.maxReplicas) -}}
{{- fail (printf "%s.autoscaling.minReplicas (%v) must not exceed %s.autoscaling.maxReplicas (%v)" $name $svc.autoscaling.minReplicas $name $svc.autoscaling.maxReplicas) -}}
{{- end -}}
{{- end -}}
{{- end }}

{{/*
The plain environment of one service (its ConfigMap's data); the variables are those of
services/<name>/src/config.ts. Takes (dict "root" $ "name" $name).
*/}}
{{- define "omnibox.configData" -}}
{{- $root := .root -}}
{{- $name := .name -}}
{{- $svc := index $root.Values $name -}}
{{- $catalog := fromYaml (include "omnibox.catalog" $root) -}}
{{- $data := dict "NODE_ENV" "production" "LOG_LEVEL" $root.Values.logLevel "EVENT_STREAM" $root.Values.events.stream "EVENT_SUBJECT_PREFIX" $root.Values.events.subjectPrefix -}}
{{- if eq $name "gateway" -}}
{{- $_ := set $data "GATEWAY_HOST" $root.Values.listenHost -}}
{{- $_ := set $data "GATEWAY_PORT" (toString $svc.ports.http) -}}
{{- $_ := set $data "GATEWAY_METRICS_PORT" (toString $svc.ports.metrics) -}}
{{- $_ := set $data "TOKEN_TTL_SECONDS" (toString $svc.tokenTtlSeconds) -}}
{{- with $svc.publicApiUrl -}}
{{- $_ := set $data "PUBLIC_API_URL" . -}}
{{- end -}}
{{- if $svc.smtp.enabled -}}
{{- $_ := set $data "SMTP_INGRESS_HOST" $root.Values.listenHost -}}
{{- $_ := set $data "SMTP_INGRESS_PORT" (toString $svc.smtp.port) -}}
{{- $_ := set $data "SMTP_MAX_BYTES" (toString ($svc.smtp.maxBytes | default 26214400 | int)) -}}
{{- end -}}
{{- $_ := set $data "TRUST_PROXY" (join "," $svc.trustProxy) -}}
{{- /* Where the gateway reaches each backend over gRPC: the backend's Service, as host:port. */ -}}
{{- range $backend := fromYamlArray (include "omnibox.serviceNames" $root) -}}
{{- if (index $catalog $backend).grpc -}}
{{- $_ := set $data (printf "%s_GRPC_URL" (upper $backend)) (printf "%s:%v" (include "omnibox.fullname" (dict "root" $root "name" $backend)) (index $root.Values $backend).ports.grpc) -}}
{{- end -}}
{{- end -}}
{{- else -}}
{{- $_ := set $data "HTTP_HOST" $root.Values.listenHost -}}
{{- $_ := set $data "HTTP_PORT" (toString $svc.ports.http) -}}
{{- $_ := set $data "GRPC_HOST" $root.Values.listenHost -}}
{{- $_ := set $data "GRPC_PORT" (toString $svc.ports.grpc) -}}
{{- range $callee := (index $catalog $name).calls | default list -}}
{{- $_ := set $data (printf "%s_GRPC_URL" (upper $callee)) (printf "%s:%v" (include "omnibox.fullname" (dict "root" $root "name" $callee)) (index $root.Values $callee).ports.grpc) -}}
{{- end -}}
{{- end -}}
{{- with $root.Values.tracing.otlpEndpoint -}}
{{- $_ := set $data "OTEL_EXPORTER_OTLP_ENDPOINT" . -}}
{{- end -}}
{{- if has "mongodb" (index $catalog $name).engines -}}
{{- $_ := set $data "MONGODB_DATABASE" $svc.mongodbDatabase -}}
{{- end -}}
{{- if (index $catalog $name).webPush -}}
{{- $_ := set $data "VAPID_SUBJECT" $svc.vapidSubject -}}
{{- end -}}
{{- if has "s3" (index $catalog $name).engines -}}
{{- $s3 := $root.Values.engines.s3 -}}
{{- $_ := set $data "S3_ENDPOINT" $s3.endpoint -}}
{{- $_ := set $data "S3_REGION" $s3.region -}}
{{- $_ := set $data "S3_BUCKET" $s3.bucket -}}
{{- $_ := set $data "S3_FORCE_PATH_STYLE" (toString $s3.forcePathStyle) -}}
{{- end -}}
{{- range $key, $value := $svc.env -}}
{{- $_ := set $data $key (toString $value) -}}
{{- end -}}
{{- range $key := keys $data | sortAlpha }}
{{ $key }}: {{ index $data $key | toString | quote }}
{{- end -}}
{{- end }}
