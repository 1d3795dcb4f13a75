import { render, waitFor } from '@testing-library/react';
import * as auth from '../../src/api/auth';
import * as catalog from '../../src/api/catalog';
import { saveToken } from '../../src/api/tokens';
import StaffCompose from '../../src/packages/staff/pages/compose/index';
import { aStaffMe } from '../fixtures';

// The weapp build's variants, by file name (the H5 ones win in this jest config, as in the H5 build).
jest.mock('../../src/packages/staff/pages/compose/WordImport', () => jest.requireActual('../../src/packages/staff/pages/compose/WordImport.tsx'));
jest.mock('../../src/packages/staff/pages/compose/AttachmentUpload', () => jest.requireActual('../../src/packages/staff/pages/compose/AttachmentUpload.tsx'));
jest.mock('../../src/api/staff');
jest.mock('../../src/api/catalog');
jest.mock('../../src/api/auth', () => ({ ...jest.requireActual('../../src/api/auth'), getStaffMe: jest.fn() }));

describe('compose on weapp', () => {
  it('shows the note instead of the upload and import buttons; link attachments stay', async () => {
    jest.mocked(auth.getStaffMe).mockResolvedValue(aStaffMe(1, ['editor']));
    jest.mocked(catalog.listCategories).mockResolvedValue([]);
    jest.mocked(catalog.listTopics).mockResolvedValue([]);
    saveToken('staff', { token: 's', expiresAt: '2099-01-01T00:00:00.000Z' });
    const { container } = render(<StaffCompose />);
    await waitFor(() => expect(container.querySelector('.e2e-compose-title')).not.toBeNull());
    expect(container.querySelector('.e2e-compose-weapp-note')?.textContent).toBe('上传附件、导入 Word 请在电脑上打开管理端');
    expect(container.querySelector('.e2e-compose-upload')).toBeNull();
    expect(container.querySelector('.e2e-compose-upload-input')).toBeNull();
    expect(container.querySelector('.e2e-compose-import-word')).toBeNull();
    expect(container.querySelector('.e2e-compose-add-attachment')).not.toBeNull();
  });
});
