{{/* The release-scoped name of the chart, or of one workload. */}}
{{- define "event-platform.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "event-platform.workloadName" -}}
{{- printf "%s-%s" (include "event-platform.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "event-platform.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: {{ include "event-platform.fullname" .root }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "event-platform.selectorLabels" . }}
{{- end -}}

{{- define "event-platform.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "event-platform.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .name (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{/* The in-cluster base URL of a service. */}}
{{- define "event-platform.url" -}}
{{- printf "http://%s:8080" (include "event-platform.workloadName" .) -}}
{{- end -}}

{{/* Environment shared by every service: infrastructure, keys, internal calls. */}}
{{- define "event-platform.serviceEnv" -}}
{{- $v := .root.Values -}}
- name: QUARKUS_MONGODB_DATABASE
  value: {{ .cfg.database | quote }}
{{- if $v.mongodb.existingSecret }}
- name: QUARKUS_MONGODB_CONNECTION_STRING
  valueFrom:
    secretKeyRef:
      name: {{ $v.mongodb.existingSecret }}
      key: {{ $v.mongodb.existingSecretKey }}
{{- else }}
- name: QUARKUS_MONGODB_CONNECTION_STRING
  value: {{ required "mongodb.connectionString or mongodb.existingSecret is required" $v.mongodb.connectionString | quote }}
{{- end }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required" $v.kafka.bootstrapServers | quote }}
{{- with $v.kafka.securityProtocol }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ . | quote }}
{{- end }}
{{- with $v.kafka.saslMechanism }}
- name: KAFKA_SASL_MECHANISM
  value: {{ . | quote }}
{{- end }}
{{- if $v.kafka.existingSecret }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $v.kafka.existingSecret }}
      key: {{ $v.kafka.saslJaasConfigKey }}
{{- end }}
{{- range $key, $value := $v.kafka.extraConfig }}
- name: {{ printf "KAFKA_%s" ($key | upper | replace "." "_" | replace "-" "_") }}
  value: {{ $value | quote }}
{{- end }}
- name: EVENTPLATFORM_TOPICS_PARTITIONS
  value: {{ $v.kafka.topics.partitions | quote }}
- name: EVENTPLATFORM_TOPICS_REPLICATION_FACTOR
  value: {{ $v.kafka.topics.replicationFactor | quote }}
{{- if $v.kafka.staticMembership }}
- name: EVENTPLATFORM_CONSUMER_INSTANCE_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
{{- end }}
- name: MP_JWT_VERIFY_PUBLICKEY_LOCATION
  value: /etc/event-platform/jwt-public/public.pem
- name: MP_JWT_VERIFY_ISSUER
  value: {{ $v.jwt.issuer | quote }}
- name: MP_JWT_VERIFY_AUDIENCES
  value: {{ $v.jwt.audience | quote }}
{{- if .cfg.signsTokens }}
- name: SMALLRYE_JWT_SIGN_KEY_LOCATION
  value: /etc/event-platform/jwt-private/private.pem
- name: EVENTPLATFORM_JWT_ISSUER
  value: {{ $v.jwt.issuer | quote }}
- name: EVENTPLATFORM_JWT_AUDIENCE
  value: {{ $v.jwt.audience | quote }}
{{- end }}
- name: EVENTPLATFORM_INTERNAL_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $v.internalToken.existingSecret }}
      key: {{ $v.internalToken.key }}
{{- with $v.platformAdmins }}
- name: EVENTPLATFORM_PLATFORM_ADMINS
  value: {{ join "," . | quote }}
{{- end }}
{{- with $v.platformAdminIds }}
- name: EVENTPLATFORM_PLATFORM_ADMIN_IDS
  value: {{ join "," . | quote }}
{{- end }}
{{- if .cfg.ownsAccounts }}
- name: QUARKUS_MAILER_HOST
  value: {{ required "mail.host is required: identity-service sends verification and reset emails" $v.mail.host | quote }}
- name: QUARKUS_MAILER_PORT
  value: {{ $v.mail.port | quote }}
- name: QUARKUS_MAILER_START_TLS
  value: {{ $v.mail.startTls | quote }}
- name: QUARKUS_MAILER_TLS
  value: {{ $v.mail.tls | quote }}
- name: QUARKUS_MAILER_FROM
  value: {{ $v.mail.from | quote }}
{{- with $v.mail.existingSecret }}
- name: QUARKUS_MAILER_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $v.mail.usernameKey }}
- name: QUARKUS_MAILER_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $v.mail.passwordKey }}
{{- end }}
- name: EVENTPLATFORM_ACCOUNTS_PUBLIC_URL
  value: {{ default (printf "https://%s" $v.ingress.host) $v.accounts.publicUrl | quote }}
- name: EVENTPLATFORM_ACCOUNTS_BCRYPT_COST
  value: {{ $v.accounts.bcryptCost | quote }}
- name: EVENTPLATFORM_ACCOUNTS_LOGIN_THROTTLE_ACCOUNT_FAILURES
  value: {{ $v.accounts.loginThrottle.accountFailures | quote }}
- name: EVENTPLATFORM_ACCOUNTS_LOGIN_THROTTLE_ADDRESS_FAILURES
  value: {{ $v.accounts.loginThrottle.addressFailures | quote }}
- name: EVENTPLATFORM_ACCOUNTS_LOGIN_THROTTLE_FIRST_LOCK
  value: {{ $v.accounts.loginThrottle.firstLock | quote }}
- name: EVENTPLATFORM_ACCOUNTS_LOGIN_THROTTLE_LONGEST_LOCK
  value: {{ $v.accounts.loginThrottle.longestLock | quote }}
- name: QUARKUS_HTTP_PROXY_TRUSTED_PROXIES
  value: {{ $v.accounts.trustedProxies | quote }}
{{- end }}
- name: QUARKUS_REST_CLIENT_IDENTITY_SERVICE_URL
  value: {{ include "event-platform.url" (dict "root" .root "name" "identity-service") }}
- name: QUARKUS_REST_CLIENT_ORG_SERVICE_URL
  value: {{ include "event-platform.url" (dict "root" .root "name" "org-service") }}
- name: QUARKUS_REST_CLIENT_EVENT_SERVICE_URL
  value: {{ include "event-platform.url" (dict "root" .root "name" "event-service") }}
{{- end -}}

{{/*
One workload (a service or the gateway): Deployment, Service, ServiceAccount and, by toggle, HPA, PDB and
ServiceMonitor. Arguments: root (the chart context), name, cfg (the entry merged over defaults), env (a YAML list),
volumes and mounts (YAML lists), servicePort.
*/}}
{{- define "event-platform.workload" -}}
{{- $name := include "event-platform.workloadName" . -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $name }}
  labels:
    {{- include "event-platform.labels" . | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "event-platform.labels" . | nindent 4 }}
spec:
  {{- if not .cfg.autoscaling.enabled }}
  replicas: {{ .cfg.replicas }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "event-platform.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "event-platform.labels" . | nindent 8 }}
      {{- if .root.Values.prometheus.annotations }}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/path: /q/metrics
        prometheus.io/port: "8080"
      {{- end }}
    spec:
      serviceAccountName: {{ $name }}
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: {{ .cfg.terminationGracePeriodSeconds }}
      {{- with .root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        runAsNonRoot: true
        runAsUser: 185
        runAsGroup: 185
        fsGroup: 185
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: {{ .name }}
          image: {{ include "event-platform.image" . }}
          imagePullPolicy: {{ .root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          env:
            - name: QUARKUS_HTTP_PORT
              value: "8080"
            # Quarkus finishes in-flight requests for this long after SIGTERM.
            - name: QUARKUS_SHUTDOWN_TIMEOUT
              value: {{ printf "%ds" (sub .cfg.terminationGracePeriodSeconds 10) | quote }}
            {{- .env | nindent 12 }}
            {{- range $key, $value := .cfg.env }}
            - name: {{ $key }}
              value: {{ $value | quote }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /q/health/started
              port: http
            periodSeconds: 2
            failureThreshold: 60
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: http
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: http
            periodSeconds: 5
            timeoutSeconds: 6
            failureThreshold: 2
          lifecycle:
            # Lets the endpoints controller take the pod out of rotation before the JVM stops accepting requests.
            preStop:
              exec:
                command: ["sleep", "5"]
          resources:
            {{- toYaml .cfg.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            privileged: false
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- .mounts | nindent 12 }}
      volumes:
        - name: tmp
          emptyDir: {}
        {{- .volumes | nindent 8 }}
      {{- with .cfg.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .cfg.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .cfg.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "event-platform.labels" . | nindent 4 }}
spec:
  type: {{ .serviceType | default "ClusterIP" }}
  selector:
    {{- include "event-platform.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .servicePort }}
      targetPort: http
      protocol: TCP
{{- if .cfg.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $name }}
  labels:
    {{- include "event-platform.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $name }}
  minReplicas: {{ .cfg.autoscaling.minReplicas }}
  maxReplicas: {{ .cfg.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .cfg.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- if .cfg.podDisruptionBudget.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  labels:
    {{- include "event-platform.labels" . | nindent 4 }}
spec:
  minAvailable: {{ .cfg.podDisruptionBudget.minAvailable }}
  selector:
    matchLabels:
      {{- include "event-platform.selectorLabels" . | nindent 6 }}
{{- end }}
{{- if .root.Values.prometheus.serviceMonitor.enabled }}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ $name }}
  labels:
    {{- include "event-platform.labels" . | nindent 4 }}
    {{- with .root.Values.prometheus.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "event-platform.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: http
      path: /q/metrics
      interval: {{ .root.Values.prometheus.serviceMonitor.interval }}
{{- end }}
{{- end -}}
