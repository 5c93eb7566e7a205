-- Demo tenant `salud-c`: source database tenant_salud_c, read-only login fs_salud_c.
-- Spanish schema; patients have 1..2 addresses in a child table; codes and states as Spanish words
-- (tipo_visita 'urgencia', estado 'finalizada', ...), flags as TINYINT(1) 1/0 (activo), CIE-10 / CVX / SNOMED CT codes. Fake, deterministic data generated with
-- MariaDB's SEQUENCE engine (seq_1_to_N tables); re-running this file drops and recreates the database with
-- identical content. Contains non-ASCII text (María, García, Málaga, ...): load it with a utf8mb4 client
-- connection (the SET NAMES below does that for the mysql/mariadb CLI).
-- Needs a login with CREATE/DROP, CREATE USER and GRANT OPTION (root or fhirsync_admin). See README.md.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;
SET time_zone = '+00:00';

DROP DATABASE IF EXISTS tenant_salud_c;
CREATE DATABASE tenant_salud_c CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE tenant_salud_c;

CREATE TABLE centros (
  id_centro          INT          NOT NULL PRIMARY KEY,
  nombre             VARCHAR(150) NOT NULL,
  tipo               VARCHAR(20)  NOT NULL COMMENT 'hospital, servicio, centro_salud, consultorio',
  id_centro_padre    INT          NULL,
  telefono           VARCHAR(20)  NULL,
  direccion          VARCHAR(200) NOT NULL,
  ciudad             VARCHAR(100) NOT NULL,
  codigo_postal      VARCHAR(10)  NOT NULL,
  activo             TINYINT(1)   NOT NULL COMMENT '1 = activo, 0 = cerrado',
  fecha_modificacion DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE profesionales (
  id_profesional     INT          NOT NULL PRIMARY KEY,
  nombre             VARCHAR(100) NOT NULL,
  apellidos          VARCHAR(100) NOT NULL,
  num_colegiado      VARCHAR(12)  NOT NULL,
  sexo               CHAR(1)      NOT NULL COMMENT 'H = hombre, M = mujer',
  especialidad       VARCHAR(60)  NOT NULL,
  telefono           VARCHAR(20)  NULL,
  activo             TINYINT(1)   NOT NULL,
  fecha_modificacion DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE pacientes (
  id_paciente        INT          NOT NULL PRIMARY KEY,
  nombre_paciente    VARCHAR(100) NOT NULL,
  apellidos          VARCHAR(100) NOT NULL,
  fecha_nacimiento   DATE         NULL,
  sexo               CHAR(1)      NOT NULL COMMENT 'H = hombre, M = mujer',
  id_centro          INT          NULL     COMMENT 'centro de referencia',
  fecha_modificacion DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE direcciones_paciente (
  id_direccion  INT          NOT NULL PRIMARY KEY,
  id_paciente   INT          NOT NULL,
  tipo          VARCHAR(10)  NOT NULL COMMENT 'casa or trabajo',
  calle         VARCHAR(200) NOT NULL,
  ciudad        VARCHAR(100) NOT NULL,
  codigo_postal VARCHAR(10)  NOT NULL,
  orden         INT          NOT NULL,
  KEY ix_direcciones_paciente (id_paciente, orden)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE observaciones (
  id_observacion     INT           NOT NULL PRIMARY KEY,
  id_paciente        INT           NOT NULL,
  id_visita          INT           NULL,
  codigo_loinc       VARCHAR(20)   NOT NULL,
  descripcion        VARCHAR(100)  NOT NULL,
  valor              DECIMAL(10,2) NOT NULL,
  unidad             VARCHAR(20)   NOT NULL,
  fecha_observacion  DATETIME      NOT NULL,
  fecha_modificacion DATETIME      NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE visitas (
  id_visita          INT          NOT NULL PRIMARY KEY,
  id_paciente        INT          NOT NULL,
  id_profesional     INT          NOT NULL,
  id_centro          INT          NOT NULL,
  tipo_visita        VARCHAR(20)  NOT NULL COMMENT 'urgencia, ambulatoria, hospitalizacion',
  estado             VARCHAR(20)  NOT NULL COMMENT 'finalizada, en curso, cancelada',
  motivo             VARCHAR(200) NULL,
  fecha_inicio       DATETIME     NOT NULL,
  fecha_fin          DATETIME     NULL,
  fecha_modificacion DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE diagnosticos (
  id_diagnostico     INT          NOT NULL PRIMARY KEY,
  id_paciente        INT          NOT NULL,
  id_visita          INT          NULL,
  codigo_cie10       VARCHAR(10)  NOT NULL,
  descripcion        VARCHAR(200) NOT NULL,
  tipo               VARCHAR(20)  NOT NULL COMMENT 'problema, diagnostico',
  estado             VARCHAR(20)  NOT NULL COMMENT 'activo, inactivo, resuelto',
  certeza            VARCHAR(20)  NOT NULL COMMENT 'confirmado, provisional',
  fecha_inicio       DATE         NULL,
  fecha_resolucion   DATE         NULL,
  fecha_registro     DATETIME     NOT NULL,
  fecha_modificacion DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE vacunas (
  id_vacuna              INT          NOT NULL PRIMARY KEY,
  id_paciente            INT          NOT NULL,
  id_visita              INT          NULL,
  id_profesional         INT          NULL,
  codigo_cvx             VARCHAR(3)   NOT NULL,
  nombre_vacuna          VARCHAR(100) NOT NULL,
  estado                 VARCHAR(20)  NOT NULL COMMENT 'administrada, no administrada',
  motivo_no_administrada VARCHAR(40)  NULL     COMMENT 'rechazo, contraindicacion',
  fecha_administracion   DATETIME     NOT NULL,
  lote                   VARCHAR(20)  NULL,
  dosis                  DECIMAL(4,2) NULL,
  unidad_dosis           VARCHAR(10)  NULL     COMMENT 'ml',
  via                    VARCHAR(20)  NULL     COMMENT 'intramuscular, subcutanea',
  zona                   VARCHAR(30)  NULL     COMMENT 'brazo izquierdo, brazo derecho',
  registro_propio        TINYINT(1)   NOT NULL COMMENT '1 = administrada aqui, 0 = referida por el paciente',
  fecha_modificacion     DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE alergias (
  id_alergia         INT          NOT NULL PRIMARY KEY,
  id_paciente        INT          NOT NULL,
  id_profesional     INT          NULL,
  codigo_snomed      VARCHAR(20)  NOT NULL,
  sustancia          VARCHAR(100) NOT NULL,
  tipo               VARCHAR(20)  NOT NULL COMMENT 'alergia, intolerancia',
  categoria          VARCHAR(20)  NOT NULL COMMENT 'alimento, medicamento, ambiental',
  criticidad         VARCHAR(20)  NOT NULL COMMENT 'baja, alta, no evaluable',
  estado             VARCHAR(20)  NOT NULL COMMENT 'activa, inactiva, resuelta',
  certeza            VARCHAR(20)  NOT NULL COMMENT 'confirmada, sospechada',
  codigo_reaccion    VARCHAR(20)  NOT NULL COMMENT 'SNOMED CT',
  reaccion           VARCHAR(100) NOT NULL,
  gravedad           VARCHAR(20)  NOT NULL COMMENT 'leve, moderada, grave',
  fecha_inicio       DATE         NULL,
  fecha_registro     DATETIME     NOT NULL,
  fecha_modificacion DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 5 centros: the hospital, its emergency service (id_centro_padre 1), two health centres and a closed local
-- consultorio (activo 0, no phone, no visits).
INSERT INTO centros (id_centro, nombre, tipo, id_centro_padre, telefono, direccion, ciudad, codigo_postal, activo,
                     fecha_modificacion) VALUES
  (1, 'Hospital Universitario Santa Clara', 'hospital', NULL, '+34 910 000 100', 'Avenida de la Ilustración 10', 'Madrid', '28029', 1, '2023-09-15 10:00:00'),
  (2, 'Servicio de Urgencias del Hospital Santa Clara', 'servicio', 1, '+34 910 000 112', 'Avenida de la Ilustración 10', 'Madrid', '28029', 1, '2023-09-15 10:00:00'),
  (3, 'Centro de Salud Chamberí', 'centro_salud', NULL, '+34 910 000 200', 'Calle de Santa Engracia 31', 'Madrid', '28010', 1, '2023-09-15 10:00:00'),
  (4, 'Centro de Salud Triana', 'centro_salud', NULL, '+34 954 000 300', 'Calle San Jacinto 12', 'Sevilla', '41010', 1, '2023-09-20 12:30:00'),
  (5, 'Consultorio Local de Villanueva', 'consultorio', NULL, NULL, 'Plaza Mayor 1', 'Villanueva de la Cañada', '28691', 0, '2023-09-20 12:30:00');

-- 40 profesionales: nombre index (n-1) mod 10 (even = mujer), first surname ((n-1) + (n-1) div 20) mod 20, second
-- surname 3 or 8 places further, so all 40 names are distinct. Especialidad by n mod 5; no phone every 6th;
-- inactive every 13th; groups of 5 share fecha_modificacion (ties).
INSERT INTO profesionales (id_profesional, nombre, apellidos, num_colegiado, sexo, especialidad, telefono, activo,
                           fecha_modificacion)
SELECT n,
       ELT(1 + (n - 1) MOD 10, 'Beatriz', 'Fernando', 'Cristina', 'Pablo', 'Silvia', 'Raúl', 'Nuria', 'Sergio', 'Teresa', 'Álvaro'),
       CONCAT(ELT(1 + a1, 'Vázquez', 'Castro', 'Ortega', 'Rubio', 'Marín', 'Sanz', 'Iglesias', 'Núñez', 'Medina', 'Garrido',
                          'Cortés', 'Castillo', 'Santos', 'Lozano', 'Guerrero', 'Cano', 'Prieto', 'Méndez', 'Cruz', 'Calvo'),
              ' ',
              ELT(1 + a2, 'Vázquez', 'Castro', 'Ortega', 'Rubio', 'Marín', 'Sanz', 'Iglesias', 'Núñez', 'Medina', 'Garrido',
                          'Cortés', 'Castillo', 'Santos', 'Lozano', 'Guerrero', 'Cano', 'Prieto', 'Méndez', 'Cruz', 'Calvo')),
       CONCAT('28', LPAD((n * 7919) MOD 10000000, 7, '0')),
       IF((n - 1) MOD 2 = 0, 'M', 'H'),
       ELT(1 + n MOD 5, 'Medicina Familiar y Comunitaria', 'Medicina Interna', 'Medicina de Urgencias', 'Pediatría', 'Enfermería'),
       CASE WHEN n MOD 6 = 0 THEN NULL ELSE CONCAT('+34 910 001 ', LPAD(n, 3, '0')) END,
       n MOD 13 <> 0,
       TIMESTAMP('2023-12-11 09:30:00') + INTERVAL ((n - 1) DIV 5) DAY
FROM (
  SELECT n, a1, (a1 + IF(n <= 20, 3, 8)) MOD 20 AS a2
  FROM (SELECT seq AS n, ((seq - 1) + (seq - 1) DIV 20) MOD 20 AS a1 FROM seq_1_to_40) i
) p
ORDER BY n;

-- 200 patients. Given-name index g = (n-1) mod 20 (even g = female name -> sexo 'M'); two surnames a1, a2
-- (always different), a1 = (3g + (n-1) div 20) mod 20, so all 200 (nombre, apellidos) combinations are distinct.
-- Patients come in groups of 4 that share the same fecha_modificacion (ties). Centro de referencia: none when
-- n mod 40 = 0, the closed consultorio 5 when n mod 25 = 0, Triana (4) when n mod 3 = 0, else Chamberí (3).
INSERT INTO pacientes (id_paciente, nombre_paciente, apellidos, fecha_nacimiento, sexo, id_centro, fecha_modificacion)
SELECT n,
       ELT(1 + g, 'María', 'Antonio', 'Carmen', 'José', 'Lucía', 'Manuel', 'Ana', 'Francisco', 'Laura', 'David',
                  'Isabel', 'Javier', 'Elena', 'Carlos', 'Pilar', 'Miguel', 'Marta', 'Alejandro', 'Rocío', 'Jesús'),
       CONCAT(ELT(1 + a1, 'García', 'López', 'Martínez', 'Rodríguez', 'Fernández', 'González', 'Sánchez', 'Pérez',
                          'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez',
                          'Romero', 'Alonso', 'Navarro'),
              ' ',
              ELT(1 + a2, 'García', 'López', 'Martínez', 'Rodríguez', 'Fernández', 'González', 'Sánchez', 'Pérez',
                          'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez',
                          'Romero', 'Alonso', 'Navarro')),
       CASE WHEN n = 1 THEN DATE '1990-07-25'
            WHEN n MOD 50 = 0 THEN NULL
            ELSE DATE '1940-01-01' + INTERVAL ((n * 4099 + 777) MOD 27757) DAY END,
       CASE WHEN g MOD 2 = 0 THEN 'M' ELSE 'H' END,
       CASE WHEN n MOD 40 = 0 THEN NULL WHEN n MOD 25 = 0 THEN 5 WHEN n MOD 3 = 0 THEN 4 ELSE 3 END,
       TIMESTAMP('2024-03-01 10:00:00') + INTERVAL (((n - 1) DIV 4) * 1124977) SECOND
FROM (
  SELECT n, g, a1, (a1 + 1 + ((n - 1) DIV 20 + g) MOD 19) MOD 20 AS a2
  FROM (SELECT seq AS n, (seq - 1) MOD 20 AS g, (3 * ((seq - 1) MOD 20) + (seq - 1) DIV 20) MOD 20 AS a1
        FROM seq_1_to_200) i
) p
ORDER BY n;

-- Addresses: every patient n has a 'casa' address (id_direccion = n, orden 1); every third patient
-- (n mod 3 = 0) also has a 'trabajo' address (id_direccion = 200 + n/3, orden 2). 200 + 66 = 266 rows.
INSERT INTO direcciones_paciente (id_direccion, id_paciente, tipo, calle, ciudad, codigo_postal, orden)
SELECT n, n, 'casa',
       CONCAT(ELT(1 + (n - 1) MOD 12, 'Calle Mayor', 'Calle de Alcalá', 'Calle Real', 'Calle del Sol', 'Calle Nueva',
                  'Calle de la Paz', 'Calle San Juan', 'Calle Ancha', 'Calle del Carmen', 'Calle de Toledo',
                  'Calle Cervantes', 'Calle de la Iglesia'),
              ' ', 1 + ((n - 1) * 17) MOD 120),
       ELT(1 + c, 'Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Zaragoza', 'Málaga', 'Bilbao', 'A Coruña'),
       CONCAT(ELT(1 + c, '28', '08', '46', '41', '50', '29', '48', '15'), LPAD((13 + (n - 1) * 7) MOD 100, 3, '0')),
       1
FROM (SELECT seq AS n, (seq - 1) MOD 8 AS c FROM seq_1_to_200) i
UNION ALL
SELECT 200 + n DIV 3, n, 'trabajo',
       CONCAT(ELT(1 + (n DIV 3) MOD 6, 'Avenida de la Constitución', 'Paseo de la Castellana', 'Avenida Diagonal',
                  'Gran Vía', 'Polígono Industrial Norte', 'Avenida de América'),
              ' ', 1 + (n * 13) MOD 200),
       ELT(1 + c, 'Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Zaragoza', 'Málaga', 'Bilbao', 'A Coruña'),
       CONCAT(ELT(1 + c, '28', '08', '46', '41', '50', '29', '48', '15'), LPAD((21 + n * 11) MOD 100, 3, '0')),
       2
FROM (SELECT seq AS n, (seq + 2) MOD 8 AS c FROM seq_1_to_200 WHERE seq MOD 3 = 0) t
ORDER BY 1;

-- 1010 visitas. 1000 are 5 per patient: visita v = (p-1)*5 + j + 1 (j = 0..4) is the one during which observation
-- slot k = 2j (below) was taken; it starts at 08:30 on that observation's day, 30-89 minutes before it.
-- tipo_visita by (9v) mod 10: 0-5 ambulatoria (Triana for p mod 3 = 0, else Chamberí; 2 h), 6-7 urgencia (the
-- emergency service 2; 6 h), 8-9 hospitalizacion (the hospital 1; 2-6 days). The last visit of odd patients from 195
-- on is 'en curso' (no fecha_fin). motivo is NULL when v mod 7 = 0. Plus 10 'cancelada' ambulatoria visits
-- (id 1000 + p/20 for p mod 20 = 0, no fecha_fin, no observations).
-- fecha_modificacion = 04:00:00 on the day after it ended (or started).
INSERT INTO visitas (id_visita, id_paciente, id_profesional, id_centro, tipo_visita, estado, motivo, fecha_inicio,
                     fecha_fin, fecha_modificacion)
SELECT v, p, 1 + (p * 11 + j * 3) MOD 40,
       CASE tipo WHEN 'urgencia' THEN 2 WHEN 'hospitalizacion' THEN 1 ELSE IF(p MOD 3 = 0, 4, 3) END,
       tipo, estado,
       CASE WHEN v MOD 7 = 0 THEN NULL
            WHEN tipo = 'urgencia' THEN IF(v MOD 2 = 0, 'Dolor torácico', 'Fiebre alta')
            WHEN tipo = 'hospitalizacion' THEN IF(v MOD 2 = 0, 'Neumonía', 'Cirugía programada')
            ELSE IF(v MOD 2 = 0, 'Revisión periódica', 'Control de tensión arterial') END,
       inicio, fin,
       TIMESTAMP(DATE(COALESCE(fin, inicio)) + INTERVAL 1 DAY, '04:00:00')
FROM (
  SELECT v, p, j, tipo, estado, inicio,
         CASE WHEN estado <> 'finalizada' THEN NULL
              WHEN tipo = 'ambulatoria' THEN inicio + INTERVAL 2 HOUR
              WHEN tipo = 'urgencia' THEN inicio + INTERVAL 6 HOUR
              ELSE inicio + INTERVAL (2 + v MOD 5) DAY END AS fin
  FROM (
    SELECT v, p, j,
           CASE WHEN j = 5 OR (v * 9) MOD 10 < 6 THEN 'ambulatoria' WHEN (v * 9) MOD 10 < 8 THEN 'urgencia'
                ELSE 'hospitalizacion' END AS tipo,
           CASE WHEN j = 5 THEN 'cancelada' WHEN j = 4 AND p >= 195 AND p MOD 2 = 1 THEN 'en curso'
                ELSE 'finalizada' END AS estado,
           IF(j = 5, TIMESTAMP('2024-01-03 11:00:00') + INTERVAL ((p - 1) * 3 + 14) DAY,
              TIMESTAMP('2024-01-03 08:30:00') + INTERVAL ((p - 1) * 3 + j * 28) DAY + INTERVAL (j * 4) HOUR) AS inicio
    FROM (SELECT seq AS v, (seq - 1) DIV 5 + 1 AS p, (seq - 1) MOD 5 AS j FROM seq_1_to_1000
          UNION ALL
          SELECT 1000 + seq DIV 20, seq, 5 FROM seq_1_to_200 WHERE seq MOD 20 = 0) i
  ) c
) x
ORDER BY v;

-- 2000 observations, 10 per patient: observation o belongs to patient (o-1) div 10 + 1; slot k = (o-1) mod 10
-- picks the code: k mod 5 = 0 body weight, 1 body height, 2 heart rate, 3 body temperature, 4 glucose.
-- Even slots were taken during visita (p-1)*5 + k/2 + 1; odd slots have no visit (id_visita NULL).
-- fecha_modificacion = 03:00:00 on the day after fecha_observacion (ties across patients).
INSERT INTO observaciones (id_observacion, id_paciente, id_visita, codigo_loinc, descripcion, valor, unidad,
                           fecha_observacion, fecha_modificacion)
SELECT o, p, CASE WHEN k MOD 2 = 0 THEN (p - 1) * 5 + k DIV 2 + 1 END,
       ELT(1 + c, '29463-7', '8302-2', '8867-4', '8310-5', '2339-0'),
       ELT(1 + c, 'Peso corporal', 'Talla', 'Frecuencia cardiaca', 'Temperatura corporal', 'Glucosa en sangre'),
       CASE c WHEN 0 THEN 50 + ((o * 37) MOD 450) / 10
              WHEN 1 THEN 148 + (p * 11) MOD 42 + ((o * 3) MOD 10) / 10
              WHEN 2 THEN 56 + (o * 19) MOD 48
              WHEN 3 THEN 35.9 + ((o * 11) MOD 24) / 10
              ELSE 68 + ((o * 43) MOD 900) / 10 END,
       ELT(1 + c, 'kg', 'cm', '/min', 'Cel', 'mg/dL'),
       obs_at,
       TIMESTAMP(DATE(obs_at) + INTERVAL 1 DAY, '03:00:00')
FROM (
  SELECT o, p, k, k MOD 5 AS c,
         TIMESTAMP('2024-01-03 09:00:00')
           + INTERVAL ((p - 1) * 3 + k * 14) DAY + INTERVAL (k * 2) HOUR + INTERVAL ((o * 13) MOD 60) MINUTE AS obs_at
  FROM (SELECT seq AS o, (seq - 1) DIV 10 + 1 AS p, (seq - 1) MOD 10 AS k FROM seq_1_to_2000) i
) x
ORDER BY o;

-- 401 diagnosticos: patient p has 1 + (p mod 3) of them (j = 0..2), CIE-10 index (3p + 7j) mod 10 (distinct per
-- patient). Chronic codes are 'problema' (onset years ago, NULL when (p+j) mod 13 = 0, inactivo when
-- (p+j) mod 17 = 0, no visit) registered at the first visit; acute codes are 'diagnostico' of visita (p-1)*5 + 2j + 1
-- (onset that day, resuelto 7-20 days later). Provisional when (3p + j) mod 21 = 0.
INSERT INTO diagnosticos (id_diagnostico, id_paciente, id_visita, codigo_cie10, descripcion, tipo, estado, certeza,
                          fecha_inicio, fecha_resolucion, fecha_registro, fecha_modificacion)
SELECT ROW_NUMBER() OVER (ORDER BY x.p, x.j), x.p,
       IF(x.agudo, v.id_visita, NULL),
       ELT(1 + ci, 'I10', 'E11.9', 'J06.9', 'E78.5', 'J45.9', 'N39.0', 'F41.1', 'M54.5', 'K21.9', 'J18.9'),
       ELT(1 + ci, 'Hipertensión esencial (primaria)', 'Diabetes mellitus tipo 2 sin complicaciones',
                   'Infección aguda de las vías respiratorias superiores, no especificada', 'Hiperlipidemia, no especificada',
                   'Asma, no especificada', 'Infección de tracto urinario, localización no especificada',
                   'Trastorno de ansiedad generalizada', 'Dolor lumbar',
                   'Enfermedad por reflujo gastroesofágico sin esofagitis', 'Neumonía, microorganismo no especificado'),
       IF(x.agudo, 'diagnostico', 'problema'),
       CASE WHEN x.agudo AND v.estado <> 'finalizada' THEN 'activo' WHEN x.agudo THEN 'resuelto'
            WHEN (x.p + x.j) MOD 17 = 0 THEN 'inactivo' ELSE 'activo' END,
       IF((3 * x.p + x.j) MOD 21 = 0, 'provisional', 'confirmado'),
       CASE WHEN x.agudo THEN DATE(v.fecha_inicio)
            WHEN (x.p + x.j) MOD 13 = 0 THEN NULL
            ELSE DATE '2004-01-01' + INTERVAL ((x.p * 541 + x.j * 313) MOD 7000) DAY END,
       CASE WHEN x.agudo AND v.estado = 'finalizada' THEN DATE(v.fecha_inicio) + INTERVAL (7 + (x.p + x.j) MOD 14) DAY END,
       IF(x.agudo, v.fecha_inicio, f.fecha_inicio) + INTERVAL (40 + x.j) MINUTE,
       TIMESTAMP(DATE(IF(x.agudo, v.fecha_inicio, f.fecha_inicio)) + INTERVAL 1 DAY, '05:00:00')
FROM (
  SELECT p, j, (3 * p + 7 * j) MOD 10 AS ci, ((3 * p + 7 * j) MOD 10) IN (2, 5, 7, 9) AS agudo
  FROM (SELECT (seq - 1) DIV 3 + 1 AS p, (seq - 1) MOD 3 AS j FROM seq_1_to_600) i
  WHERE j <= p MOD 3
) x
JOIN visitas v ON v.id_visita = (x.p - 1) * 5 + 2 * x.j + 1
JOIN visitas f ON f.id_visita = (x.p - 1) * 5 + 1
ORDER BY x.p, x.j;

-- 450 vacunas: j = 0 and 1 for every patient, j = 2 as well when p mod 4 = 0. j = 0 and 1 were given during visita
-- (p-1)*5 + 2j + 2, 35 minutes after it started, by its profesional (registro_propio 1); j = 2 is referred by the
-- patient (registro_propio 0: no visit, profesional, lote, dose, via or zona). CVX index (5p + 3j) mod 8.
-- 'no administrada' (rechazo when p is even, else contraindicacion) when j < 2 and (5p + j) mod 31 = 0.
INSERT INTO vacunas (id_vacuna, id_paciente, id_visita, id_profesional, codigo_cvx, nombre_vacuna, estado,
                     motivo_no_administrada, fecha_administracion, lote, dosis, unidad_dosis, via, zona, registro_propio,
                     fecha_modificacion)
SELECT ROW_NUMBER() OVER (ORDER BY x.p, x.j), x.p, v.id_visita, v.id_profesional,
       ELT(1 + vi, '141', '208', '115', '33', '43', '03', '21', '187'),
       ELT(1 + vi, 'Gripe estacional inyectable', 'COVID-19 ARNm 30 mcg', 'dTpa (tétanos, difteria, tosferina)',
                   'Neumococo polisacárida 23-valente', 'Hepatitis B adultos', 'Triple vírica', 'Varicela',
                   'Herpes zóster recombinante'),
       IF(no_admin, 'no administrada', 'administrada'),
       CASE WHEN no_admin THEN IF(x.p MOD 2 = 0, 'rechazo', 'contraindicacion') END,
       COALESCE(v.fecha_inicio + INTERVAL 35 MINUTE,
                TIMESTAMP(DATE '2017-01-01' + INTERVAL ((x.p * 173) MOD 2500) DAY, '11:15:00')),
       CASE WHEN admin THEN CONCAT(ELT(1 + vi, 'GR', 'CV', 'DT', 'NM', 'HB', 'TV', 'VA', 'HZ'),
                                   LPAD((x.p * 4099 + x.j * 7919) MOD 1000000, 6, '0')) END,
       CASE WHEN admin THEN IF(vi = 1, 0.30, 0.50) END,
       CASE WHEN admin THEN 'ml' END,
       CASE WHEN admin THEN IF(vi IN (5, 6), 'subcutanea', 'intramuscular') END,
       CASE WHEN admin THEN IF((x.p + x.j) MOD 2 = 0, 'brazo izquierdo', 'brazo derecho') END,
       x.j < 2,
       TIMESTAMP(DATE(COALESCE(v.fecha_inicio, TIMESTAMP('2024-01-03 00:00:00') + INTERVAL x.p DAY)) + INTERVAL 1 DAY, '05:30:00')
FROM (
  SELECT p, j, (5 * p + 3 * j) MOD 8 AS vi,
         (j < 2 AND (5 * p + j) MOD 31 = 0) AS no_admin,
         (j < 2 AND (5 * p + j) MOD 31 <> 0) AS admin
  FROM (SELECT (seq - 1) DIV 3 + 1 AS p, (seq - 1) MOD 3 AS j FROM seq_1_to_600) i
  WHERE j < 2 OR p MOD 4 = 0
) x
LEFT JOIN visitas v ON x.j < 2 AND v.id_visita = (x.p - 1) * 5 + 2 * x.j + 2
ORDER BY x.p, x.j;

-- 190 alergias: j = 0 for patients with p mod 4 <> 3 (150), j = 1 as well when p mod 5 = 0 (40). Substance index
-- (2p + 4j) mod 9 fixes codigo_snomed, tipo, categoria, criticidad, usual reaction and gravedad. Onset unknown when
-- p mod 6 = 0 or the birth date is, else 2+ years after birth (at the latest 2023-12-31). Registered at the first
-- visit by its profesional. inactiva when (p+j) mod 23 = 0, sospechada when (p + 2j) mod 10 = 7.
INSERT INTO alergias (id_alergia, id_paciente, id_profesional, codigo_snomed, sustancia, tipo, categoria, criticidad, estado,
                      certeza, codigo_reaccion, reaccion, gravedad, fecha_inicio, fecha_registro, fecha_modificacion)
SELECT ROW_NUMBER() OVER (ORDER BY x.p, x.j), x.p, f.id_profesional,
       ELT(1 + ai, '764146007', '387458008', '256349002', '735029006', '102263004', '47703008', '256259004', '260147004',
                   '111088007'),
       ELT(1 + ai, 'Penicilina', 'Ácido acetilsalicílico', 'Cacahuete', 'Marisco', 'Huevo', 'Lactosa', 'Polen',
                   'Ácaros del polvo', 'Látex'),
       IF(ai IN (1, 5), 'intolerancia', 'alergia'),
       ELT(1 + ai, 'medicamento', 'medicamento', 'alimento', 'alimento', 'alimento', 'alimento', 'ambiental', 'ambiental',
                   'ambiental'),
       ELT(1 + ai, 'alta', 'baja', 'alta', 'alta', 'baja', 'baja', 'baja', 'no evaluable', 'alta'),
       IF((x.p + x.j) MOD 23 = 0, 'inactiva', 'activa'),
       IF((x.p + 2 * x.j) MOD 10 = 7, 'sospechada', 'confirmada'),
       ELT(1 + ai, '39579001', '422587007', '39579001', '247472004', '247472004', '62315008', '76067001', '267036007',
                   '247472004'),
       ELT(1 + ai, 'Anafilaxia', 'Náuseas', 'Anafilaxia', 'Urticaria', 'Urticaria', 'Diarrea', 'Estornudos', 'Disnea',
                   'Urticaria'),
       ELT(1 + ai, 'grave', 'leve', 'grave', 'moderada', 'leve', 'leve', 'leve', 'moderada', 'moderada'),
       CASE WHEN x.p MOD 6 = 0 THEN NULL
            ELSE LEAST(pa.fecha_nacimiento + INTERVAL (730 + (x.p * 293 + x.j * 71) MOD 6000) DAY, DATE '2023-12-31') END,
       f.fecha_inicio + INTERVAL (15 + x.j) MINUTE,
       TIMESTAMP(DATE(f.fecha_inicio) + INTERVAL 1 DAY, '05:45:00')
FROM (
  SELECT p, j, (2 * p + 4 * j) MOD 9 AS ai
  FROM (SELECT (seq - 1) DIV 2 + 1 AS p, (seq - 1) MOD 2 AS j FROM seq_1_to_400) i
  WHERE (j = 0 AND p MOD 4 <> 3) OR (j = 1 AND p MOD 5 = 0)
) x
JOIN pacientes pa ON pa.id_paciente = x.p
JOIN visitas f ON f.id_visita = (x.p - 1) * 5 + 1
ORDER BY x.p, x.j;

-- Read-only login for this tenant only.
CREATE USER IF NOT EXISTS 'fs_salud_c'@'127.0.0.1' IDENTIFIED BY 'demo_salud_c_pw';
CREATE USER IF NOT EXISTS 'fs_salud_c'@'localhost' IDENTIFIED BY 'demo_salud_c_pw';
ALTER USER 'fs_salud_c'@'127.0.0.1' IDENTIFIED BY 'demo_salud_c_pw';
ALTER USER 'fs_salud_c'@'localhost' IDENTIFIED BY 'demo_salud_c_pw';
GRANT SELECT ON `tenant_salud_c`.* TO 'fs_salud_c'@'127.0.0.1';
GRANT SELECT ON `tenant_salud_c`.* TO 'fs_salud_c'@'localhost';
