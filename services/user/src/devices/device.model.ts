// A registered push device (DevicesRepository maps rows onto it).

export interface Device {
  id: string;
  userId: string;
  token: string;
  platform: string;
  createdAt: Date;
}
