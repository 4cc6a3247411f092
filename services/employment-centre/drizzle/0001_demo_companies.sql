-- Demo companies of the seeds' territory (Ambito di Sesto San Giovanni: Sesto San Giovanni and Cologno
-- Monzese; Adda Martesana), fictional names, real ATECO codes; conventions with AFOL Metropolitana. Removable:
-- nothing else refers to them but their conventions and placements.
INSERT INTO "employment_centre"."companies" ("company_id", "name", "vat_number", "legal_form", "ateco_code", "sector", "comune", "ambito", "roles") VALUES
  ('c0a1e001-0000-4000-8000-000000000001', 'Logistica Brianza S.r.l.', NULL, 'srl', '52.10.00', 'logistica', 'Sesto San Giovanni', 'LOM-SESTO-SAN-GIOVANNI', '{employer,tirocinio-host}'),
  ('c0a1e001-0000-4000-8000-000000000002', 'Il Ponte Cooperativa Sociale di tipo B', NULL, 'cooperativa-sociale-b', '81.21.00', 'pulizie-servizi', 'Cologno Monzese', 'LOM-SESTO-SAN-GIOVANNI', '{employer,tirocinio-host}'),
  ('c0a1e001-0000-4000-8000-000000000003', 'Officine Meccaniche Sestesi S.p.A.', NULL, 'spa', '25.62.00', 'manifattura', 'Sesto San Giovanni', 'LOM-SESTO-SAN-GIOVANNI', '{employer}'),
  ('c0a1e001-0000-4000-8000-000000000004', 'Trattoria del Naviglio S.n.c.', NULL, 'snc', '56.10.11', 'ristorazione', 'Cernusco sul Naviglio', 'LOM-ADDA-MARTESANA', '{employer,tirocinio-host}'),
  ('c0a1e001-0000-4000-8000-000000000005', 'Verde Martesana Cooperativa Sociale', NULL, 'cooperativa-sociale-b', '81.30.00', 'pulizie-servizi', 'Melzo', 'LOM-ADDA-MARTESANA', '{tirocinio-host}'),
  ('c0a1e001-0000-4000-8000-000000000006', 'Market Adda S.r.l.', NULL, 'srl', '47.11.40', 'commercio', 'Pioltello', 'LOM-ADDA-MARTESANA', '{employer,tirocinio-host}');
--> statement-breakpoint
INSERT INTO "employment_centre"."conventions" ("convention_ref", "company_id", "promoter_id", "valid_from", "valid_until") VALUES
  ('CONV-AFOL-2026-0311', 'c0a1e001-0000-4000-8000-000000000001', 'afol-metropolitana', '2026-01-01', '2028-12-31'),
  ('CONV-AFOL-2026-0412', 'c0a1e001-0000-4000-8000-000000000002', 'afol-metropolitana', '2026-03-01', '2028-02-29'),
  ('CONV-AFOL-2025-0977', 'c0a1e001-0000-4000-8000-000000000004', 'afol-metropolitana', '2025-06-01', '2027-05-31'),
  ('CONV-AFOL-2026-0150', 'c0a1e001-0000-4000-8000-000000000005', 'afol-metropolitana', '2026-02-01', '2028-01-31'),
  ('CONV-AFOL-2024-0533', 'c0a1e001-0000-4000-8000-000000000006', 'afol-metropolitana', '2024-01-01', '2025-12-31');
--> statement-breakpoint
INSERT INTO "employment_centre"."placements" ("placement_id", "company_id", "kind", "tirocinio_type", "title", "sector", "hours_per_week", "seats", "requirements", "status", "opened_on") VALUES
  ('b1ace001-0000-4000-8000-000000000001', 'c0a1e001-0000-4000-8000-000000000001', 'tirocinio', 'inclusione-sociale', 'Addetto/a al magazzino', 'logistica', 25, 2, '{formazione-sicurezza-base}', 'open', '2026-11-02'),
  ('b1ace001-0000-4000-8000-000000000002', 'c0a1e001-0000-4000-8000-000000000002', 'tirocinio', 'inclusione-sociale', 'Addetto/a alle pulizie civili', 'pulizie-servizi', 20, 3, '{}', 'open', '2026-10-15'),
  ('b1ace001-0000-4000-8000-000000000003', 'c0a1e001-0000-4000-8000-000000000003', 'job', NULL, 'Operaio/a addetto/a al montaggio', 'manifattura', 40, 1, '{esperienza-pregressa}', 'open', '2026-11-20'),
  ('b1ace001-0000-4000-8000-000000000004', 'c0a1e001-0000-4000-8000-000000000004', 'tirocinio', 'inserimento-reinserimento', 'Aiuto cuoco/a', 'ristorazione', 30, 1, '{haccp}', 'open', '2026-11-10'),
  ('b1ace001-0000-4000-8000-000000000005', 'c0a1e001-0000-4000-8000-000000000005', 'tirocinio', 'inclusione-sociale', 'Operatore/trice del verde', 'verde-ambiente', 20, 2, '{}', 'open', '2026-09-01'),
  ('b1ace001-0000-4000-8000-000000000006', 'c0a1e001-0000-4000-8000-000000000006', 'tirocinio', 'inclusione-sociale', 'Addetto/a al rifornimento scaffali', 'commercio', 24, 1, '{}', 'open', '2026-10-01');
