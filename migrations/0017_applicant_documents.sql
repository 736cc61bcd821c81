-- The applicant's identity document type was free text ("身份证", "居民身份证",
-- "护照" …): it becomes a key of one list (src/modules/disclosure/
-- disclosure.identity.rules.ts). Known labels map to their key; a number
-- given without a type was a resident identity number (the form's default);
-- anything else is "other", the text kept in front of the number so nothing
-- is lost.
update disclosure_applicants set id_type = case
    when id_type is null and id_number is null then null
    when id_type is null or btrim(id_type) = '' then 'resident_id'
    when btrim(id_type) in ('居民身份证', '身份证', '二代身份证', '中华人民共和国居民身份证', 'resident_id') then 'resident_id'
    when btrim(id_type) in ('护照', '中国护照', '外国护照', 'passport') then 'passport'
    when btrim(id_type) in ('港澳居民来往内地通行证', '港澳通行证', '回乡证', 'hk_macao_permit') then 'hk_macao_permit'
    when btrim(id_type) in ('台湾居民来往大陆通行证', '台胞证', 'taiwan_permit') then 'taiwan_permit'
    when btrim(id_type) in ('外国人永久居留身份证', '外国人永久居留证', 'foreign_permanent_residence') then 'foreign_permanent_residence'
    when btrim(id_type) in ('统一社会信用代码', 'credit_code') then 'credit_code'
    when btrim(id_type) = 'other' then 'other'
    else 'other'
  end,
  id_number = case
    when id_type is not null and btrim(id_type) <> '' and btrim(id_type) not in (
      '居民身份证', '身份证', '二代身份证', '中华人民共和国居民身份证', 'resident_id', '护照', '中国护照', '外国护照', 'passport',
      '港澳居民来往内地通行证', '港澳通行证', '回乡证', 'hk_macao_permit', '台湾居民来往大陆通行证', '台胞证', 'taiwan_permit',
      '外国人永久居留身份证', '外国人永久居留证', 'foreign_permanent_residence', '统一社会信用代码', 'credit_code', 'other')
    then btrim(id_type) || ' ' || coalesce(id_number, '')
    else id_number
  end;

alter table disclosure_applicants add constraint disclosure_applicants_id_type_check
  check (id_type in ('resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_residence', 'credit_code', 'other'));
