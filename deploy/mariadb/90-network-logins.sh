# Sourced (not executed: keep it non-executable) by the mariadb image's entrypoint on first start, after
# demo/sql/*.sql, so docker_process_sql runs these statements as root on the initialising server.
#
# The demo files create their tenant logins for 'localhost' and '127.0.0.1' only, but the worker and the Publisher
# (and the host, through Docker's port mapping) arrive from the bridge network: '%' twins of those logins, same
# passwords, SELECT on the tenant's own database only. fhirsync_admin is the login scripts/seed-demo.sh and the
# tests use, with the password from .env.
: "${FHIRSYNC_ADMIN_DB_PASSWORD:?}"
docker_process_sql <<SQL
CREATE USER IF NOT EXISTS 'fs_hospital_a'@'%' IDENTIFIED BY 'demo_hospital_a_pw';
GRANT SELECT ON tenant_hospital_a.* TO 'fs_hospital_a'@'%';
CREATE USER IF NOT EXISTS 'fs_clinic_b'@'%' IDENTIFIED BY 'demo_clinic_b_pw';
GRANT SELECT ON tenant_clinic_b.* TO 'fs_clinic_b'@'%';
CREATE USER IF NOT EXISTS 'fs_salud_c'@'%' IDENTIFIED BY 'demo_salud_c_pw';
GRANT SELECT ON tenant_salud_c.* TO 'fs_salud_c'@'%';
CREATE USER IF NOT EXISTS 'fhirsync_admin'@'%' IDENTIFIED BY '${FHIRSYNC_ADMIN_DB_PASSWORD}';
GRANT ALL PRIVILEGES ON *.* TO 'fhirsync_admin'@'%' WITH GRANT OPTION;
SQL
