import { act, fireEvent, render } from '@testing-library/react';
import Taro from '@tarojs/taro';
// The weapp variant, by its file name (the H5 one would win otherwise).
import { Attachment } from '../../src/components/Attachment.tsx';

describe('attachment (weapp)', () => {
  it('downloads the file and opens it with openDocument', async () => {
    const { container } = render(<Attachment a={{ name: '附件1：岗位计划表.xlsx', url: 'https://x.gov.cn/a.xlsx', size: 48_640, fileId: null, contentType: null }} />);
    expect(container.textContent).toContain('48 KB');
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-attachment')!);
    });
    expect(Taro.downloadFile).toHaveBeenCalledWith({ url: 'https://x.gov.cn/a.xlsx' });
    expect(Taro.openDocument).toHaveBeenCalledWith({ filePath: '/tmp/file', showMenu: true, fileType: 'xlsx' });
    expect(Taro.hideLoading).toHaveBeenCalled();
  });

  it('says so in Chinese when the download fails', async () => {
    (Taro.downloadFile as jest.Mock).mockResolvedValueOnce({ statusCode: 404, tempFilePath: '' });
    const { container } = render(<Attachment a={{ name: '附件.pdf', url: 'https://x.gov.cn/missing.pdf', size: 1, fileId: null, contentType: null }} />);
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-attachment')!);
    });
    expect(Taro.openDocument).not.toHaveBeenCalled();
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '附件打开失败，请稍后重试', icon: 'none' });
  });
});
