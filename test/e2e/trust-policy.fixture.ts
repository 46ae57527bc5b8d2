// The role trust policy the end-to-end tests give their roles: Roles Anywhere may assume the role,
// tag the session and set its source identity (the three actions CreateSession needs).

/** A trust policy for rolesanywhere.amazonaws.com with the three actions (and optional conditions). */
export const trustPolicy = (condition?: Record<string, Record<string, string | string[]>>): string =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "rolesanywhere.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
        ...(condition === undefined ? {} : { Condition: condition }),
      },
    ],
  });
