-- Demo tenant `salud-c`: source database tenant_salud_c, read-only login fs_salud_c.
-- Spanish schema; patients have 1..2 addresses in a child table. Fake, deterministic data generated with
-- MariaDB's SEQUENCE engine (seq_1_to_N tables); re-running this file drops and recreates the database with
-- identical content. Contains non-ASCII text (María, García, Málaga, ...): load it with a utf8mb4 client
-- connection (the SET NAMES below does that for the mysql/mariadb CLI).
-- Needs a login with CREATE/DROP, CREATE USER and GRANT OPTION (root or fhirsync_admin). See README.md.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;
SET time_zone = '+00:00';

DROP DATABASE IF EXISTS tenant_salud_c;
CREATE DATABASE tenant_salud_c CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE tenant_salud_c;

CREATE TABLE pacientes (
  id_paciente        INT          NOT NULL PRIMARY KEY,
  nombre_paciente    VARCHAR(100) NOT NULL,
  apellidos          VARCHAR(100) NOT NULL,
  fecha_nacimiento   DATE         NULL,
  sexo               CHAR(1)      NOT NULL COMMENT 'H = hombre, M = mujer',
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
  codigo_loinc       VARCHAR(20)   NOT NULL,
  descripcion        VARCHAR(100)  NOT NULL,
  valor              DECIMAL(10,2) NOT NULL,
  unidad             VARCHAR(20)   NOT NULL,
  fecha_observacion  DATETIME      NOT NULL,
  fecha_modificacion DATETIME      NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 200 patients. Given-name index g = (n-1) mod 20 (even g = female name -> sexo 'M'); two surnames a1, a2
-- (always different), a1 = (3g + (n-1) div 20) mod 20, so all 200 (nombre, apellidos) combinations are distinct.
-- Patients come in groups of 4 that share the same fecha_modificacion (ties).
INSERT INTO pacientes (id_paciente, nombre_paciente, apellidos, fecha_nacimiento, sexo, fecha_modificacion)
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

-- 2000 observations, 10 per patient: observation o belongs to patient (o-1) div 10 + 1; slot k = (o-1) mod 10
-- picks the code: k mod 5 = 0 body weight, 1 body height, 2 heart rate, 3 body temperature, 4 glucose.
-- fecha_modificacion = 03:00:00 on the day after fecha_observacion (ties across patients).
INSERT INTO observaciones (id_observacion, id_paciente, codigo_loinc, descripcion, valor, unidad, fecha_observacion,
                           fecha_modificacion)
SELECT o, p,
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

-- Read-only login for this tenant only.
CREATE USER IF NOT EXISTS 'fs_salud_c'@'127.0.0.1' IDENTIFIED BY 'demo_salud_c_pw';
CREATE USER IF NOT EXISTS 'fs_salud_c'@'localhost' IDENTIFIED BY 'demo_salud_c_pw';
ALTER USER 'fs_salud_c'@'127.0.0.1' IDENTIFIED BY 'demo_salud_c_pw';
ALTER USER 'fs_salud_c'@'localhost' IDENTIFIED BY 'demo_salud_c_pw';
GRANT SELECT ON `tenant_salud_c`.* TO 'fs_salud_c'@'127.0.0.1';
GRANT SELECT ON `tenant_salud_c`.* TO 'fs_salud_c'@'localhost';
