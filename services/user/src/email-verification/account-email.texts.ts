/** The texts of account e-mails, in the recipient's language (the profile's locale; Russian by default). */
export interface AccountEmail {
  subject: string;
  text: string;
}

type Locale = 'ru' | 'en';
const localeOf = (locale: string | undefined): Locale => (locale === 'en' ? 'en' : 'ru');

export interface VerifyEmailText {
  username: string;
  email: string;
  link: string;
  token: string;
  validHours: number;
}

export function verifyEmailText(locale: string | undefined, v: VerifyEmailText): AccountEmail {
  const hours = formatHours(v.validHours);
  if (localeOf(locale) === 'en') {
    return {
      subject: 'Confirm your e-mail address for ProDvor',
      text: [
        `Hello, ${v.username}!`,
        '',
        `To confirm that ${v.email} is the address of your ProDvor account "${v.username}", open this link within ${hours} h:`,
        v.link,
        '',
        `Or enter this code in the app: ${v.token}`,
        '',
        'If you did not sign up for ProDvor, ignore this e-mail: your address will not be linked to that account.',
      ].join('\n'),
    };
  }
  return {
    subject: 'Подтвердите адрес электронной почты в ProDvor',
    text: [
      `Здравствуйте, ${v.username}!`,
      '',
      `Чтобы подтвердить, что ${v.email} — адрес вашей учётной записи ProDvor «${v.username}», откройте ссылку в течение ${hours} ч:`,
      v.link,
      '',
      `Или введите этот код в приложении: ${v.token}`,
      '',
      'Если вы не регистрировались в ProDvor, просто не отвечайте на это письмо: адрес не будет привязан к этой учётной записи.',
    ].join('\n'),
  };
}

export interface SignupNoticeText {
  email: string;
  /** The username of the account that holds the address, when user-service knows it. */
  holderUsername?: string;
}

/** To the owner of an address someone tried to sign up with. It names no one else's account. */
export function signupNoticeText(locale: string | undefined, v: SignupNoticeText): AccountEmail {
  if (localeOf(locale) === 'en') {
    return {
      subject: 'Someone tried to sign up for ProDvor with your address',
      text: [
        'Hello!',
        '',
        `Someone just tried to create a ProDvor account with your address ${v.email}.`,
        `The address stays with your existing account${v.holderUsername ? ` "${v.holderUsername}"` : ''}; the new one did not get it.`,
        '',
        'If it was you, log in to your existing account, or reset your password on the login page if you have forgotten it.',
        'If it was not you, you need not do anything.',
      ].join('\n'),
    };
  }
  return {
    subject: 'Кто-то пытался зарегистрироваться в ProDvor с вашим адресом',
    text: [
      'Здравствуйте!',
      '',
      `Только что кто-то пытался создать учётную запись ProDvor с вашим адресом ${v.email}.`,
      `Адрес остаётся за вашей учётной записью${v.holderUsername ? ` «${v.holderUsername}»` : ''}; новая его не получила.`,
      '',
      'Если это были вы, войдите в свою учётную запись или восстановите пароль на странице входа, если забыли его.',
      'Если это были не вы, ничего делать не нужно.',
    ].join('\n'),
  };
}

function formatHours(hours: number): string {
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(2);
}
