/** The columns every patient notice reads: the practice and its site, the practitioner, the patient's contacts. */
export interface NoticeRow {
  time_zone: string;
  practice_name: string;
  practice_phone: string | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  floor: string | null;
  digicode: string | null;
  parking: string | null;
  transport: string | null;
  access_notes: string | null;
  pr_title: string | null;
  pr_first: string;
  pr_last: string;
  pa_first: string;
  pa_last: string;
  mobile_phone: string | null;
  email: string | null;
}
